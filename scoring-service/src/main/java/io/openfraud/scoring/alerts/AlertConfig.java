package io.openfraud.scoring.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The analyst queue. */
@ConfigMapping(prefix = "openfraud.scoring.alerts")
public interface AlertConfig {

    /** How long a case is kept after it was opened, resolved or not; older cases are deleted hourly. */
    @WithDefault("P400D")
    Duration retention();

    /** How long a resolution waits for the broker to acknowledge its label before it gives up (503, nothing kept). */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Largest page of {@code GET /api/v1/alerts}. */
    @WithDefault("500")
    int maxPageSize();
}
