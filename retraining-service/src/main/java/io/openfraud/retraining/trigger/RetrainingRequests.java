package io.openfraud.retraining.trigger;

/**
 * Starts retraining ({@link TrainingRunRequests} starts a training run). Called at most once per debounce
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
