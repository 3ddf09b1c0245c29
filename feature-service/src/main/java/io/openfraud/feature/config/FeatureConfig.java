package io.openfraud.feature.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** feature-service's own settings ({@code openfraud.features.*}). */
@ConfigMapping(prefix = "openfraud.features")
public interface FeatureConfig {

    /** How long a REST call waits for Redis before answering 503. */
    @WithDefault("500ms")
    Duration storeTimeout();

    /** Most transactions in one {@code POST /api/v1/features/vectors}. */
    @WithDefault("1000")
    int maxBatch();

    /** Stream: the stream's first pause after a Redis failure; it doubles up to {@link #streamRetryMax()}. */
    @WithDefault("50ms")
    Duration streamRetryInitial();

    /** Stream: the longest pause between two attempts while Redis is down. */
    @WithDefault("1s")
    Duration streamRetryMax();

    /**
     * gdpr.commands: how long a data-subject command retries while Redis does not answer (never past the command's
     * {@code respondBy}) before it is answered FAILED.
     */
    @WithDefault("2m")
    Duration subjectCommandPatience();
}
