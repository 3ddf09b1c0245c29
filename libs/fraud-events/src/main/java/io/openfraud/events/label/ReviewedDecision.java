package io.openfraud.events.label;

import io.openfraud.events.scoring.Decision;
import java.time.Instant;

/**
 * Payload of {@code decisions.reviewed}: a human reviewed an automated decision (an analyst case or an RGPD Art. 22
 * request) and confirmed or replaced it.
 *
 * @param caseId           the alert or data-subject request that asked for the review
 * @param transactionId    the reviewed transaction
 * @param originalDecision what the platform decided
 * @param finalDecision    what the reviewer decided
 * @param outcome          the reviewer's finding
 * @param reviewer         pseudonymous id of the reviewer (never a name)
 * @param reviewedAt       when the review was completed
 */
public record ReviewedDecision(
        String caseId,
        String transactionId,
        Decision originalDecision,
        Decision finalDecision,
        LabelValue outcome,
        String reviewer,
        Instant reviewedAt) {
}
