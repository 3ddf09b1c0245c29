package io.openfraud.retraining.trigger;

/**
 * Starts retraining. The registry / training pipeline implements this (a bean of this type replaces the default
 * {@link PendingRetrainingRequests}, which only records the request as PENDING). Called at most once per debounce
 * interval for automatic triggers, after the decision is audited; it must not block for the training itself.
 */
public interface RetrainingRequests {

    /**
     * Accepts a request.
     *
     * @return the id of the stored request (row of {@code retraining_requests})
     */
    long request(RetrainingRequest request);
}
