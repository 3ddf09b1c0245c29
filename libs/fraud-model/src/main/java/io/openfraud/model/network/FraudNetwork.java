package io.openfraud.model.network;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.openfraud.model.artifact.ModelMetadata.Network;
import io.openfraud.model.artifact.ModelMetadata.Normalization;

/**
 * The fraud network: an MLP for tabular rows. Each hidden layer is {@code Linear -> BatchNorm -> ReLU -> Dropout};
 * the head is one linear unit giving a logit (the loss applies the sigmoid, calibration maps it to a probability).
 * Inputs are standardised in Java with the training statistics before they reach the block
 * ({@link #normalize}), so the block sees centred, unit-scale features whatever their units.
 */
public final class FraudNetwork {

    /** BatchNorm epsilon, fixed here so the plain-Java forward pass uses the same. */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    private FraudNetwork() {
    }

    /** A new, uninitialised block of the given shape. */
    public static SequentialBlock block(Network spec) {
        SequentialBlock block = new SequentialBlock();
        for (int width : spec.hidden()) {
            block.add(Linear.builder().setUnits(width).build())
                    .add(BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build())
                    .add(Activation.reluBlock())
                    .add(Dropout.builder().optRate((float) spec.dropout()).build());
        }
        block.add(Linear.builder().setUnits(1).build());
        block.add(Blocks.batchFlattenBlock());
        return block;
    }

    /**
     * {@code (x - mean) / scale} as floats, the network's input, limited to {@code +-clip} when the normalisation has
     * one: a value far outside the training range (a duration longer than the training window, say) then counts as
     * "very large" instead of driving the network into a region it was never fitted on.
     */
    public static float[] normalize(double[] row, Normalization n) {
        if (row.length != n.mean().length) {
            throw new IllegalArgumentException("expected " + n.mean().length + " features, got " + row.length);
        }
        float[] out = new float[row.length];
        double clip = n.clip();
        for (int i = 0; i < row.length; i++) {
            double z = (row[i] - n.mean()[i]) / n.scale()[i];
            out[i] = (float) (clip > 0 ? Math.max(-clip, Math.min(clip, z)) : z);
        }
        return out;
    }

    /** Rows normalised. */
    public static float[][] normalize(double[][] rows, Normalization n) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = normalize(rows[i], n);
        }
        return out;
    }
}
