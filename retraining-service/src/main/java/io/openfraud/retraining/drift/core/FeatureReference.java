package io.openfraud.retraining.drift.core;

/**
 * The reference distribution of one feature.
 *
 * @param name        feature name
 * @param kind        numeric or categorical
 * @param numeric     histogram over the reference's quantile edges (numeric features), else null
 * @param categorical category counts (categorical features), else null
 * @param mean        reference mean (exact)
 * @param std         reference standard deviation (exact, population), which normalises Wasserstein
 */
public record FeatureReference(String name, FeatureKind kind, NumericHistogram numeric,
        CategoricalHistogram categorical, double mean, double std) {

    /** An empty production histogram of this feature (same edges for numeric ones). */
    public Object emptyProduction() {
        return kind == FeatureKind.NUMERIC ? numeric.emptyCopy() : new CategoricalHistogram();
    }
}
