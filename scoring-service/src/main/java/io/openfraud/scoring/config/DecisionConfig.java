package io.openfraud.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a calibrated score becomes a decision. */
@ConfigMapping(prefix = "openfraud.scoring.decision")
public interface DecisionConfig {

    /** Scores at or above this go to an analyst (REVIEW). */
    @WithDefault("0.5")
    double reviewThreshold();

    /** Scores at or above this are declined (DECLINE). Must not be below the review threshold. */
    @WithDefault("0.9")
    double declineThreshold();
}
