package io.openfraud.scoring.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * How a calibrated score becomes a decision. Unset, the model's verdicts use the thresholds stored in its artifact
 * (picked on validation data when it was trained) and the rules fallback uses 0.5 / 0.9; set, they override both.
 */
@ConfigMapping(prefix = "openfraud.scoring.decision")
public interface DecisionConfig {

    /** Scores at or above this go to an analyst (REVIEW). */
    Optional<Double> reviewThreshold();

    /** Scores at or above this are declined (DECLINE). Must not be below the review threshold. */
    Optional<Double> declineThreshold();
}
