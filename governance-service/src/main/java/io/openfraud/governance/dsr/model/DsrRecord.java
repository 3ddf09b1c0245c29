package io.openfraud.governance.dsr.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A data-subject request as stored (MongoDB collection {@code dsr_requests}). The subject is held as a keyed
 * pseudonym ({@code cus_...}) or card token ({@code tok_...}) only; the e-mail address or card number it was made
 * with is never stored.
 *
 * @param id                 request id
 * @param type               the right exercised
 * @param jurisdiction       EU or CA
 * @param ccpaRight          for CA, KNOW, DELETE, CORRECT or OPT_OUT
 * @param subjectKind        how the subject was named: customerId, email or cardNumber
 * @param subjectPseudonym   the keyed pseudonym or card token
 * @param status             lifecycle status
 * @param statusReason       reason of DENIED or ERROR
 * @param receivedAt         when it was received
 * @param extension          extension granted, in the jurisdiction's unit (months or days)
 * @param extensionReason    why
 * @param verification       the recorded identity verification, if any
 * @param codeHash           SHA-256 of the pending one-time code (the code itself only in the dev outbox)
 * @param codeExpiresAt      when the pending code expires
 * @param reviewer           who approved or denied it
 * @param decidedAt          when it was approved or denied
 * @param respondBy          for commands: when the answers are due
 * @param expectedServices   for commands: who must answer
 * @param answers            for commands: the answers received, per service
 * @param details            free request details (for HUMAN_REVIEW the transaction id; for RECTIFICATION the fields)
 * @param completedAt        when it reached COMPLETE, DENIED or ERROR
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DsrRecord(
        String id,
        DsrType type,
        Jurisdiction jurisdiction,
        String ccpaRight,
        String subjectKind,
        String subjectPseudonym,
        DsrStatus status,
        String statusReason,
        Instant receivedAt,
        int extension,
        String extensionReason,
        Verification verification,
        String codeHash,
        Instant codeExpiresAt,
        String reviewer,
        Instant decidedAt,
        Instant respondBy,
        List<String> expectedServices,
        Map<String, ServiceAnswer> answers,
        Map<String, Object> details,
        Instant completedAt) {

    /** The deadline, extension included. */
    public Instant dueAt() {
        return jurisdiction.dueAt(receivedAt, extension);
    }

    /** A copy with another status. */
    public DsrRecord withStatus(DsrStatus newStatus, String reason, Instant completed) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, newStatus, reason,
                receivedAt, extension, extensionReason, verification, codeHash, codeExpiresAt, reviewer, decidedAt,
                respondBy, expectedServices, answers, details, completed);
    }

    /** A copy with a pending one-time code. */
    public DsrRecord withCode(String hash, Instant expiresAt) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, status, statusReason,
                receivedAt, extension, extensionReason, verification, hash, expiresAt, reviewer, decidedAt,
                respondBy, expectedServices, answers, details, completedAt);
    }

    /** A copy with a recorded identity verification (the request becomes PENDING). */
    public DsrRecord withVerification(Verification done) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, DsrStatus.PENDING,
                null, receivedAt, extension, extensionReason, done, null, null, reviewer, decidedAt, respondBy,
                expectedServices, answers, details, completedAt);
    }

    /** A copy with the reviewer's decision. */
    public DsrRecord withDecision(DsrStatus newStatus, String reason, String by, Instant at) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, newStatus, reason,
                receivedAt, extension, extensionReason, verification, codeHash, codeExpiresAt, by, at, respondBy,
                expectedServices, answers, details, newStatus == DsrStatus.DENIED ? at : completedAt);
    }

    /** A copy with an extension. */
    public DsrRecord withExtension(int units, String reason) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, status, statusReason,
                receivedAt, units, reason, verification, codeHash, codeExpiresAt, reviewer, decidedAt, respondBy,
                expectedServices, answers, details, completedAt);
    }

    /** A copy waiting for {@code services} to answer by {@code by}. */
    public DsrRecord awaiting(List<String> services, Instant by) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym,
                DsrStatus.IN_PROCESSING, null, receivedAt, extension, extensionReason, verification, codeHash,
                codeExpiresAt, reviewer, decidedAt, by, List.copyOf(services), Map.of(), details, completedAt);
    }

    /** A copy with the answers received so far. */
    public DsrRecord withAnswers(Map<String, ServiceAnswer> all) {
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, status, statusReason,
                receivedAt, extension, extensionReason, verification, codeHash, codeExpiresAt, reviewer, decidedAt,
                respondBy, expectedServices, Map.copyOf(all), details, completedAt);
    }

    /** A copy with more details. */
    public DsrRecord withDetails(Map<String, Object> more) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(details == null ? Map.of() : details);
        merged.putAll(more);
        return new DsrRecord(id, type, jurisdiction, ccpaRight, subjectKind, subjectPseudonym, status, statusReason,
                receivedAt, extension, extensionReason, verification, codeHash, codeExpiresAt, reviewer, decidedAt,
                respondBy, expectedServices, answers, merged, completedAt);
    }

    /**
     * A recorded identity verification.
     *
     * @param method     ONE_TIME_CODE or OPERATOR_CHECK
     * @param evidence   for an operator's check, what was checked (a document type and reference, no copy)
     * @param verifiedBy who verified (the subject for a code, the operator for a check)
     * @param verifiedAt when
     */
    public record Verification(String method, String evidence, String verifiedBy, Instant verifiedAt) {
    }

    /**
     * One service's answer on gdpr.events.
     *
     * @param outcome     DONE or FAILED
     * @param effects     per store and field
     * @param error       for FAILED, the reason
     * @param completedAt when the service finished
     */
    public record ServiceAnswer(String outcome, List<io.openfraud.events.gdpr.StoreEffect> effects, String error,
            Instant completedAt) {
    }
}
