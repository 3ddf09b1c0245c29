package io.openfraud.scoring.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import java.time.Instant;
import java.util.List;

/**
 * An analyst case as the API shows it: the REVIEW decision that opened it and, once resolved, its resolution.
 *
 * @param id                 the case id
 * @param transactionId      the reviewed transaction
 * @param customerPseudonym  the customer's keyed pseudonym (never an identifier)
 * @param score              the calibrated score
 * @param decision           the automated decision (REVIEW)
 * @param reasons            the verdict's reason codes
 * @param modelVersion       the model (or rules) version that decided
 * @param scorer             MODEL or RULES
 * @param status             OPEN or RESOLVED
 * @param createdAt          when the case was opened
 * @param outcome            for RESOLVED, FRAUD or LEGIT
 * @param note               for RESOLVED, the analyst's note
 * @param resolvedBy         for RESOLVED, who resolved it (the token's principal)
 * @param resolvedAt         for RESOLVED, when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCase(
        String id,
        String transactionId,
        String customerPseudonym,
        double score,
        Decision decision,
        List<Reason> reasons,
        String modelVersion,
        Scorer scorer,
        Status status,
        Instant createdAt,
        LabelValue outcome,
        String note,
        String resolvedBy,
        Instant resolvedAt) {

    /** Where a case is in the queue. */
    public enum Status {
        OPEN, RESOLVED
    }
}
