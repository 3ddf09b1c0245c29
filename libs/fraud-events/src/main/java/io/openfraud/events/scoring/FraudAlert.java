package io.openfraud.events.scoring;

import java.time.Instant;

/**
 * Payload of {@code alerts.fraud}: a transaction that scoring declined or sent to review.
 *
 * @param alertId           id of the alert (the analyst case)
 * @param transactionId     the transaction
 * @param customerPseudonym its customer, by keyed pseudonym
 * @param timestamp         event time of the transaction
 * @param verdict           the verdict that raised the alert (decision REVIEW or DECLINE)
 * @param raisedAt          when the alert was raised
 */
public record FraudAlert(
        String alertId,
        String transactionId,
        String customerPseudonym,
        Instant timestamp,
        Verdict verdict,
        Instant raisedAt) {

    public FraudAlert {
        if (verdict != null && verdict.decision() == Decision.APPROVE) {
            throw new IllegalArgumentException("an approved transaction raises no alert");
        }
    }
}
