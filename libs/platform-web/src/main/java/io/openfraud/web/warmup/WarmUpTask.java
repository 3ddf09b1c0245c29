package io.openfraud.web.warmup;

/**
 * One piece of a service's hot path, run with synthetic input a number of times before the service reports ready,
 * so that the first real request does not pay class loading, schema compilation, connection set-up and the
 * interpreter (a payment authorisation waits on it within a tight budget). Implementations are CDI beans.
 *
 * <p>A task must not change what the service holds: read, validate, compute, or call a peer with a request the peer
 * refuses. A task that throws stops its own repetitions and is reported; it never keeps the service unready.
 */
public interface WarmUpTask {

    /** Shown in the readiness check's data. */
    String name();

    void run() throws Exception;

    /**
     * How long a failing run is retried (every {@link WarmUp#RETRY_EVERY}) before the task gives up, counted from
     * the first of consecutive failures of any run: zero for local work; a few seconds for a peer that starts at the
     * same time as this service, or a store whose first answers may exceed its timeout on a busy machine.
     */
    default java.time.Duration patience() {
        return java.time.Duration.ZERO;
    }
}
