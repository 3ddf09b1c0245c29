package io.openfraud.retraining.trigger;

import java.time.Instant;

/**
 * One audited trigger decision.
 *
 * @param decidedAt     when
 * @param kind          DRIFT, DECAY, SCHEDULE or MANUAL
 * @param outcome       REQUESTED, DEBOUNCED (a request was made less than the minimum interval ago) or DISABLED
 * @param reason        the measurements behind it
 * @param requestId     the request made, if REQUESTED
 * @param requestStatus that request's status: STARTED (a training run), RUN_IN_PROGRESS, FAILED
 */
public record TriggerDecision(Instant decidedAt, TriggerKind kind, Outcome outcome, String reason, Long requestId,
        String requestStatus) {

    /** What was decided. */
    public enum Outcome {
        REQUESTED, DEBOUNCED, DISABLED
    }
}
