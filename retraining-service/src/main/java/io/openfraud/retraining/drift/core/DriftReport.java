package io.openfraud.retraining.drift.core;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one comparison of production with the reference.
 *
 * @param generatedAt           when it was computed
 * @param windowFrom            start of the production window (inclusive)
 * @param windowTo              end of the production window (exclusive)
 * @param featureSetVersion     feature set of the reference
 * @param referenceModelVersion model version of the reference, or null
 * @param referenceSource       provenance of the reference
 * @param referenceRows         rows of the reference
 * @param productionRows        feature vectors in the window
 * @param settings              thresholds applied
 * @param features              per feature, in vector order
 * @param dataset               dataset-level drift
 * @param prediction            drift of the score distribution
 */
public record DriftReport(Instant generatedAt, Instant windowFrom, Instant windowTo, String featureSetVersion,
        String referenceModelVersion, String referenceSource, long referenceRows, long productionRows,
        DriftSettings settings, List<FeatureDrift> features, DatasetDrift dataset, PredictionDrift prediction) {

    public DriftReport {
        features = List.copyOf(features);
    }

    /**
     * Drift of one feature.
     *
     * @param name            feature name
     * @param kind            numeric or categorical
     * @param compared        false when production had fewer than {@code minRows} values (no verdict)
     * @param psi             population stability index
     * @param wasserstein     Wasserstein-1 from the histograms (numeric), else null
     * @param normedWasserstein Wasserstein-1 over the reference standard deviation (numeric), else null
     * @param jensenShannon   Jensen-Shannon distance (categorical), else null
     * @param drifted         whether the configured statistic exceeds its threshold
     * @param bins            reference and production share per bin (or category), for charts and tables
     */
    public record FeatureDrift(String name, FeatureKind kind, boolean compared, Double psi, Double wasserstein,
            Double normedWasserstein, Double jensenShannon, boolean drifted, List<Bin> bins) {
    }

    /**
     * One bin or category.
     *
     * @param label           {@code [lower, upper)} for numeric bins, the category otherwise
     * @param referenceCount  reference values in it
     * @param productionCount production values in it
     * @param referenceShare  share of the reference
     * @param productionShare share of production
     */
    public record Bin(String label, long referenceCount, long productionCount, double referenceShare,
            double productionShare) {
    }

    /**
     * Dataset-level drift.
     *
     * @param comparedFeatures features with enough production data
     * @param driftedFeatures  of those, how many drifted
     * @param share            drifted / compared (0 if none compared)
     * @param drifted          share at least the configured dataset share (and something compared)
     */
    public record DatasetDrift(int comparedFeatures, int driftedFeatures, double share, boolean drifted) {
    }

    /**
     * Drift of the model's score distribution.
     *
     * @param baseline    what the window was compared with: {@code reference} scores, the {@code previous-window},
     *                    or {@code none}
     * @param psi         PSI of the scores, or null without a baseline or data
     * @param wasserstein Wasserstein-1 of the scores, or null
     * @param drifted     PSI above the prediction threshold
     * @param scores      scores counted in the window
     * @param bins        baseline and window share per score bin
     */
    public record PredictionDrift(String baseline, Double psi, Double wasserstein, boolean drifted, long scores,
            List<Bin> bins) {
    }
}
