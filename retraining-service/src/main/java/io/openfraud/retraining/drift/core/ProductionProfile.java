package io.openfraud.retraining.drift.core;

import java.util.List;
import java.util.Map;

/**
 * Production distributions over a reference's bins: one histogram per feature and one of the scores. Kept
 * incrementally ({@link #addVector}, {@link #addScore}) and mergeable ({@link #merge}), so time buckets persisted by
 * several replicas add up to the distribution of any window. Not thread-safe: callers serialise updates.
 */
public final class ProductionProfile {

    private final List<String> names;
    private final Object[] histograms;
    private final NumericHistogram scores;
    private long vectors;

    /** An empty profile over {@code reference}'s bins (scores over its score edges, or the default ones). */
    public ProductionProfile(ReferenceProfile reference) {
        this.names = reference.names();
        this.histograms = new Object[names.size()];
        for (int i = 0; i < histograms.length; i++) {
            histograms[i] = reference.features().get(i).emptyProduction();
        }
        this.scores = reference.scores() != null ? reference.scores().emptyCopy()
                : new NumericHistogram(ReferenceProfiles.DEFAULT_SCORE_EDGES);
    }

    /** Counts one feature vector given in the reference's order. */
    public void addVector(double[] values) {
        if (values.length != histograms.length) {
            throw new IllegalArgumentException("expected " + histograms.length + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Object h = histograms[i];
            if (h instanceof NumericHistogram n) {
                n.add(values[i]);
            } else {
                ((CategoricalHistogram) h).add(values[i]);
            }
        }
        vectors++;
    }

    /**
     * Counts one feature vector given by name (the form of {@code transactions.enriched}); a feature missing from the
     * map counts as NaN (kept apart from the bins).
     */
    public void addVector(Map<String, Double> features) {
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            Double v = features.get(names.get(i));
            values[i] = v == null ? Double.NaN : v;
        }
        addVector(values);
    }

    /** Counts one model score. */
    public void addScore(double score) {
        scores.add(score);
    }

    /** Adds {@code other} (built over the same reference) to this one. */
    public void merge(ProductionProfile other) {
        if (!names.equals(other.names)) {
            throw new IllegalArgumentException("profiles of different references");
        }
        for (int i = 0; i < histograms.length; i++) {
            if (histograms[i] instanceof NumericHistogram n) {
                n.merge((NumericHistogram) other.histograms[i]);
            } else {
                ((CategoricalHistogram) histograms[i]).merge((CategoricalHistogram) other.histograms[i]);
            }
        }
        scores.merge(other.scores);
        vectors += other.vectors;
    }

    /** Restores a persisted bucket: feature histograms, scores and the vector count. */
    public void restore(int feature, Object histogram) {
        if (histogram instanceof NumericHistogram n) {
            ((NumericHistogram) histograms[feature]).merge(n);
        } else {
            ((CategoricalHistogram) histograms[feature]).merge((CategoricalHistogram) histogram);
        }
    }

    /** Adds persisted score counts and a vector count. */
    public void restoreTotals(NumericHistogram scoreCounts, long vectorCount) {
        scores.merge(scoreCounts);
        vectors += vectorCount;
    }

    public List<String> names() {
        return names;
    }

    /** The histogram of feature {@code i}: a {@link NumericHistogram} or a {@link CategoricalHistogram}. */
    public Object histogram(int i) {
        return histograms[i];
    }

    public NumericHistogram scores() {
        return scores;
    }

    /** Feature vectors counted. */
    public long vectors() {
        return vectors;
    }

    /** Whether nothing was counted. */
    public boolean isEmpty() {
        return vectors == 0 && scores.total() == 0 && scores.nan() == 0;
    }
}
