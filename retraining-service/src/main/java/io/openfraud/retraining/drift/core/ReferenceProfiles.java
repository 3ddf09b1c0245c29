package io.openfraud.retraining.drift.core;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link ReferenceProfile}s from a training set: the entry point the training pipeline calls with the feature
 * matrix it trained on. Numeric edges are the reference's quantiles at {@code i / bins} (duplicates dropped, so a
 * feature that is mostly zero gets fewer, wider bins); categorical features keep their category counts.
 */
public final class ReferenceProfiles {

    /** Evidently's bin count for PSI. */
    public static final int DEFAULT_BINS = 10;

    /** Score edges used when the reference carries no scores: finer near 0, where most fraud scores lie. */
    public static final double[] DEFAULT_SCORE_EDGES = {0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1};

    private ReferenceProfiles() {
    }

    /**
     * A profile of {@code rows} (row-major, one column per name).
     *
     * @param rows              the feature matrix
     * @param names             column names
     * @param categorical       names of the categorical columns (the rest are numeric)
     * @param bins              numeric bins between the minimum and the maximum (before dropping duplicate edges)
     * @param scores            the model's scores on the same rows (or on its test slice), or null
     * @param featureSetVersion feature set of the vectors
     * @param modelVersion      model version trained on them, or null
     * @param source            provenance, for the report
     */
    public static ReferenceProfile build(double[][] rows, List<String> names, Set<String> categorical, int bins,
            double[] scores, String featureSetVersion, String modelVersion, String source) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a reference needs rows");
        }
        int width = names.size();
        FeatureReference[] features = new FeatureReference[width];
        double[] column = new double[rows.length];
        for (int f = 0; f < width; f++) {
            for (int r = 0; r < rows.length; r++) {
                if (rows[r].length != width) {
                    throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, not " + width);
                }
                column[r] = rows[r][f];
            }
            features[f] = feature(names.get(f), categorical.contains(names.get(f)) ? FeatureKind.CATEGORICAL
                    : FeatureKind.NUMERIC, column, bins);
        }
        NumericHistogram scoreHistogram = null;
        if (scores != null && scores.length > 0) {
            scoreHistogram = new NumericHistogram(quantileEdges(scores, bins));
            for (double s : scores) {
                scoreHistogram.add(s);
            }
        }
        return new ReferenceProfile(featureSetVersion, modelVersion, source, rows.length, List.of(features),
                scoreHistogram);
    }

    /** The reference of one column. */
    public static FeatureReference feature(String name, FeatureKind kind, double[] values, int bins) {
        double sum = 0;
        long n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double std = n == 0 ? 0 : Math.sqrt(squares / n);
        if (kind == FeatureKind.CATEGORICAL) {
            CategoricalHistogram h = new CategoricalHistogram();
            for (double v : values) {
                h.add(v);
            }
            return new FeatureReference(name, kind, null, h, mean, std);
        }
        NumericHistogram h = new NumericHistogram(quantileEdges(values, bins));
        for (double v : values) {
            h.add(v);
        }
        return new FeatureReference(name, kind, h, null, mean, std);
    }

    /**
     * Edges at the quantiles {@code i / bins}, {@code i = 0..bins} (lower quantile: the value at index
     * {@code floor(q * (n - 1))} of the sorted values), duplicates dropped. NaN is ignored.
     */
    public static double[] quantileEdges(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1");
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {0};
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            // + 0.0 turns -0.0 into 0.0, which distinct() would otherwise keep as a second edge
            edges[i] = sorted[(int) Math.floor((double) i / bins * (sorted.length - 1))] + 0.0;
        }
        return Arrays.stream(edges).distinct().toArray();
    }
}
