package io.openfraud.events.label;

import java.time.Instant;

/**
 * Payload of {@code labels.feedback}: ground truth about one transaction, which may arrive days after it. The latest
 * label per transaction wins.
 *
 * @param transactionId the labelled transaction
 * @param label         FRAUD or LEGIT
 * @param source        IMPORT, CHARGEBACK, ANALYST or REVIEW
 * @param observedAt    when the truth became known
 */
public record LabelFeedback(String transactionId, LabelValue label, LabelSource source, Instant observedAt) {
}
