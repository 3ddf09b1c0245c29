package io.openfraud.events.gdpr;

import java.time.Instant;

/**
 * Payload of {@code gdpr.commands}: governance asks every service to act on one data subject.
 *
 * @param requestId         the data-subject request
 * @param action            what to do
 * @param subjectPseudonym  the subject's keyed customer pseudonym
 * @param issuedAt          when governance issued the command
 * @param respondBy         when governance stops waiting for answers
 */
public record GdprCommand(
        String requestId,
        Action action,
        String subjectPseudonym,
        Instant issuedAt,
        Instant respondBy) {

    /** What a service does for the subject. */
    public enum Action {
        /** Art. 17: erase what the law does not require to keep; pseudonymise the rest. */
        ERASE,
        /** Art. 18: keep but stop processing (training, exports). */
        RESTRICT,
        /** Lift a restriction. */
        LIFT_RESTRICTION,
        /** Art. 21: stop processing for the objected purposes (training, exports). */
        OBJECT
    }
}
