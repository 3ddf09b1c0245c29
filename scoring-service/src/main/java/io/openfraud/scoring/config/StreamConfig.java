package io.openfraud.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Micro-batching of {@code transactions.enriched}: each Kafka poll is one batch (at most {@link #maxBatch()} records),
 * scored with one model call per {@link #maxBatch()} rows. The wait for a batch to fill is bounded by
 * {@link #maxWait()}: the broker answers a fetch once {@link #fetchMinBytes()} are there or {@code max-wait} has
 * passed, whichever comes first.
 */
@ConfigMapping(prefix = "openfraud.scoring.stream")
public interface StreamConfig {

    /** Most records per batch (the consumer's {@code max.poll.records}, and rows per model call). */
    @WithDefault("256")
    int maxBatch();

    /** Longest the broker holds a fetch to fill it (the consumer's {@code fetch.max.wait.ms}). */
    @WithDefault("5ms")
    Duration maxWait();

    /** Bytes a fetch waits for (up to {@code max-wait}); 1 answers as soon as anything is there (lowest latency). */
    @WithDefault("1")
    int fetchMinBytes();
}
