package io.openfraud.retraining.trigger;

import java.time.Instant;

/**
 * A request to train a new model version.
 *
 * @param kind        what triggered it
 * @param reason      why, in words (thresholds and values), for the audit and the registry's lineage
 * @param requestedAt when
 */
public record RetrainingRequest(TriggerKind kind, String reason, Instant requestedAt) {
}
