package io.openfraud.ingestion.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay: how much it publishes per round, how often it sweeps, how long it waits for the broker. */
@ConfigMapping(prefix = "openfraud.outbox")
public interface OutboxConfig {

    /**
     * Events per round: their rows locked together, sent together, acknowledged together and deleted in one
     * statement. A batch row holding more (an import chunk) is taken whole, alone.
     */
    @WithDefault("500")
    int batchSize();

    /**
     * Interval of the sweep that publishes rows no commit signalled in this process (left by a crash, or by an instance
     * that died). A commit here wakes the relay at once; this is only the safety net.
     */
    @WithDefault("5s")
    Duration sweepInterval();

    /** How long a round waits for the broker's acknowledgements (the producer's delivery timeout). */
    @WithDefault("30s")
    Duration publishTimeout();

    /** Pause after a failed round (broker or database unavailable) before the next attempt. */
    @WithDefault("1s")
    Duration retryBackoff();
}
