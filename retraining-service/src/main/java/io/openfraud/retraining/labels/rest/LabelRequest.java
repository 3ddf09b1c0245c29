package io.openfraud.retraining.labels.rest;

import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import java.time.Instant;

/**
 * A label submitted over REST.
 *
 * @param transactionId the labelled transaction
 * @param label         FRAUD or LEGIT
 * @param source        IMPORT, CHARGEBACK, ANALYST or REVIEW
 * @param observedAt    when the truth became known; now if absent
 */
public record LabelRequest(String transactionId, LabelValue label, LabelSource source, Instant observedAt) {
}
