package io.openfraud.retraining.training.rest;

import java.time.Instant;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/training-runs}.
 *
 * @param windowStart     data window start, inclusive (required)
 * @param windowEnd       data window end, exclusive (required; after windowStart, not in the future)
 * @param synthetic       train on generated data (the platform's first champion); default false
 * @param hyperparameters overrides of the trainer's defaults; optional
 */
public record TrainingRunRequest(Instant windowStart, Instant windowEnd, Boolean synthetic,
        Map<String, String> hyperparameters) {
}
