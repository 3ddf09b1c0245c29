package io.openfraud.retraining.labels.rest;

import java.time.Instant;

/**
 * A label submitted over REST. Label and source are read as text and checked by the service, so a wrong value is a
 * problem naming the field (not a generic parse error).
 *
 * @param transactionId the labelled transaction
 * @param label         FRAUD or LEGIT
 * @param source        IMPORT, CHARGEBACK, ANALYST or REVIEW
 * @param observedAt    when the truth became known; now if absent
 */
public record LabelRequest(String transactionId, String label, String source, Instant observedAt) {
}
