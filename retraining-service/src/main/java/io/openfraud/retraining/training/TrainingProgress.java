package io.openfraud.retraining.training;

/** Progress of a training run, reported by the trainer. */
@FunctionalInterface
public interface TrainingProgress {

    /**
     * Reports progress.
     *
     * @param fraction done so far, 0 to 1 (clamped)
     * @param phase    what the trainer is doing, for people ("loading window", "epoch 3/20", "evaluating")
     */
    void report(double fraction, String phase);
}
