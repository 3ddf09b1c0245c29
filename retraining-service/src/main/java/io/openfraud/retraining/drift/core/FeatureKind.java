package io.openfraud.retraining.drift.core;

/** How a feature's distribution is kept and compared. */
public enum FeatureKind {
    /** Quantile-edged histogram; PSI and Wasserstein-1. */
    NUMERIC,
    /** Count per category; PSI and Jensen-Shannon. */
    CATEGORICAL
}
