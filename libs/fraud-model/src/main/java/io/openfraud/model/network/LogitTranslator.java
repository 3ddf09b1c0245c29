package io.openfraud.model.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Normalised rows in, logits out, one per row. Arrays are created only on the context's manager, which DJL closes
 * after each call: arrays made on the model's or predictor's manager would leak native tensors on every request.
 */
public final class LogitTranslator implements NoBatchifyTranslator<float[][], float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] rows) {
        return new NDList(ctx.getNDManager().create(rows));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        return logits.toFloatArray();
    }
}
