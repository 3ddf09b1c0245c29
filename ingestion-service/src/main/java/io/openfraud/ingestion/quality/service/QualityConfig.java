package io.openfraud.ingestion.quality.service;

import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Data-quality settings. */
@ConfigMapping(prefix = "openfraud.quality")
public interface QualityConfig {

    /** How far in the future an event time may be (clocks of payment systems drift). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Severity overrides by rule id, for example {@code openfraud.quality.severity."DQ-BALANCE-CONSISTENT"=reject}. */
    Map<String, Severity> severity();
}
