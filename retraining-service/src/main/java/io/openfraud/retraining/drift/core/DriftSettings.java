package io.openfraud.retraining.drift.core;

/**
 * What counts as drift (defaults are Evidently's: PSI above 0.1 for a feature, dataset drift when at least half the
 * features drift).
 *
 * @param method                 which statistic decides a feature's drift
 * @param psiThreshold           a feature drifts when its PSI exceeds this (method PSI)
 * @param wassersteinThreshold   a numeric feature drifts when its normed Wasserstein exceeds this (method DISTANCE)
 * @param jensenShannonThreshold a categorical feature drifts when its JS distance exceeds this (method DISTANCE)
 * @param datasetDriftShare      the dataset drifts when at least this share of the compared features drifts
 * @param predictionPsiThreshold the score distribution drifts when its PSI exceeds this
 * @param minRows                features with fewer production values are not compared (too little data)
 */
public record DriftSettings(Method method, double psiThreshold, double wassersteinThreshold,
        double jensenShannonThreshold, double datasetDriftShare, double predictionPsiThreshold, long minRows) {

    /** Which statistic decides whether a feature drifted. */
    public enum Method {
        /** PSI for every feature. */
        PSI,
        /** Normed Wasserstein-1 for numeric features, Jensen-Shannon distance for categorical ones. */
        DISTANCE
    }

    /** Evidently's defaults, comparing from 30 values on. */
    public static DriftSettings defaults() {
        return new DriftSettings(Method.PSI, 0.1, 0.1, 0.1, 0.5, 0.1, 30);
    }
}
