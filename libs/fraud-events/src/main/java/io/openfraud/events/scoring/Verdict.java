package io.openfraud.events.scoring;

import java.util.List;

/**
 * The outcome of scoring one transaction.
 *
 * @param score             calibrated probability of fraud, 0 to 1
 * @param decision          APPROVE, REVIEW or DECLINE from the configured thresholds
 * @param reasons           reason codes, strongest first
 * @param modelVersion      model version that scored it ({@code rules-<version>} for the rule scorer)
 * @param featureSetVersion feature-set version of the vector it was scored on
 * @param scorer            MODEL or RULES
 * @param degraded          what was missing when scoring (for example {@code FEATURES_UNAVAILABLE}); empty if
 *                          nothing
 */
public record Verdict(
        double score,
        Decision decision,
        List<Reason> reasons,
        String modelVersion,
        String featureSetVersion,
        Scorer scorer,
        List<String> degraded) {

    public Verdict {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1]");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
    }
}
