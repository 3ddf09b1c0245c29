package io.openfraud.model.network;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of predictors shared by any number of threads: a {@link Predictor} is not thread-safe, so each call
 * borrows one and gives it back. Callers beyond the pool size wait; size it to the worker threads.
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final BlockingQueue<Predictor<I, O>> idle;
    private final List<Predictor<I, O>> all = new ArrayList<>();

    public PredictorPool(Model model, Translator<I, O> translator, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1");
        }
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<I, O> p = model.newPredictor(translator);
            all.add(p);
            idle.add(p);
        }
    }

    /** Runs one prediction on a borrowed predictor. */
    public O predict(I input) throws TranslateException {
        Predictor<I, O> p;
        try {
            p = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslateException("interrupted while waiting for a predictor", e);
        }
        try {
            return p.predict(input);
        } finally {
            idle.add(p);
        }
    }

    /** Number of predictors. */
    public int size() {
        return all.size();
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}
