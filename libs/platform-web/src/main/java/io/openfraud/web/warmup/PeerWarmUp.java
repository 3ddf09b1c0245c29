package io.openfraud.web.warmup;

import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;

/**
 * Warms a REST client to a peer service by calling it without credentials: the peer refuses (401), which is the point;
 * the client, its JSON and its connection pool are then ready for the first real call. Subclasses call the client
 * directly, bypassing its fault-tolerance wrapper so a circuit breaker never counts these. While the peer is still
 * starting, the first attempt is retried for {@code openfraud.warm-up.peer-patience}.
 */
public abstract class PeerWarmUp implements WarmUpTask {

    private final Duration patience;

    protected PeerWarmUp(Duration patience) {
        this.patience = patience;
    }

    /** One unauthenticated call to the peer through its client. */
    protected abstract void call();

    @Override
    public Duration patience() {
        return patience;
    }

    @Override
    public void run() {
        try {
            call();
        } catch (WebApplicationException refused) {
            // 401 without a caller's token: expected.
        }
    }
}
