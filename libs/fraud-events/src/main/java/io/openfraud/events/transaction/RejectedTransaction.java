package io.openfraud.events.transaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Payload of {@code transactions.rejected}: a record that failed a reject-severity data-quality rule.
 *
 * @param transactionId the record's id, if it had a readable one
 * @param receivedAt    when ingestion received it
 * @param channel       where it entered
 * @param violations    every failed rule
 * @param maskedRecord  the record as received with card data, names and identifiers masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RejectedTransaction(
        String transactionId,
        Instant receivedAt,
        IntakeChannel channel,
        List<RuleViolation> violations,
        Map<String, Object> maskedRecord) {

    public RejectedTransaction {
        violations = List.copyOf(violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejected transaction names at least one violation");
        }
    }

    /**
     * One failed data-quality rule.
     *
     * @param ruleId      stable rule id, for example {@code DQ-AMOUNT-POSITIVE}
     * @param ruleVersion version of the rule that failed
     * @param field       JSON path of the offending field, for example {@code card.pan}
     * @param severity    REJECT or WARN
     * @param message     human-readable reason, free of personal data
     */
    public record RuleViolation(String ruleId, int ruleVersion, String field, Severity severity, String message) {
    }

    /** What a failed rule does to the record. */
    public enum Severity {
        REJECT, WARN
    }
}
