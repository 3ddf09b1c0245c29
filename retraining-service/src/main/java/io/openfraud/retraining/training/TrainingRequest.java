package io.openfraud.retraining.training;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import java.time.Instant;
import java.util.Map;

/**
 * What a training run trains on.
 *
 * @param runId           the training run's id
 * @param windowStart     data window start, inclusive (event time)
 * @param windowEnd       data window end, exclusive
 * @param synthetic       train on generated data (the platform's first champion) rather than labelled history
 * @param hyperparameters overrides of the trainer's defaults (name to value); the trainer reports what it used
 * @param trigger         what started the run
 */
public record TrainingRequest(long runId, Instant windowStart, Instant windowEnd, boolean synthetic,
        Map<String, String> hyperparameters, Trigger trigger) {

    public TrainingRequest {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    }
}
