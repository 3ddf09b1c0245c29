package io.openfraud.retraining.training;

import java.util.Optional;

/**
 * Trains a model on a data window and evaluates it, and the current champion, on the same test slice. The training
 * run service calls it on a background thread, one run at a time per deployment, outside any database transaction;
 * it may take minutes. The registry treats the artifact as opaque bytes with the metadata returned beside them.
 *
 * <p>The production implementation is {@link io.openfraud.retraining.training.djl.DjlModelTrainer}, on the DJL trainer
 * of {@code libs/fraud-model}; tests replace it with an {@code @Alternative}.
 */
public interface ModelTrainer {

    /**
     * Trains on {@code request}'s window.
     *
     * @param request   the data window, hyperparameter overrides and flags of the run
     * @param incumbent the champion's artifact (checksum verified), to evaluate on the same test slice as the
     *                  candidate, so the promotion gate compares like with like; empty when there is no champion
     * @param progress  where to report progress (cheap to call; the run's status shows the latest report)
     * @return the trained artifact with its metadata and test metrics
     * @throws Exception any failure; the run is marked FAILED with its message
     */
    TrainedModel train(TrainingRequest request, Optional<Incumbent> incumbent, TrainingProgress progress)
            throws Exception;
}
