package io.openfraud.model.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision-recall and ROC curves of a scorer, for reports: one point per distinct score value taken as threshold
 * (flag {@code score >= threshold}, ties together, as in {@link Metrics}), downsampled to at most a given number of
 * points by keeping evenly spaced ones plus both ends, so a chart and its data table stay small on millions of rows.
 */
public final class Curves {

    private Curves() {
    }

    /**
     * A point of the precision-recall curve.
     *
     * @param threshold the score at or above which rows are flagged
     * @param recall    TP / (TP + FN)
     * @param precision TP / (TP + FP)
     */
    public record PrPoint(double threshold, double recall, double precision) {
    }

    /**
     * A point of the ROC curve.
     *
     * @param threshold         the score at or above which rows are flagged; null at the origin (nothing flagged),
     *                          which JSON could not carry as infinity
     * @param falsePositiveRate FP / (FP + TN)
     * @param truePositiveRate  TP / (TP + FN), the recall
     */
    public record RocPoint(Double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    /** The PR curve from the highest threshold down, at most {@code maxPoints} points; empty without frauds. */
    public static List<PrPoint> precisionRecall(double[] scores, boolean[] labels, int maxPoints) {
        List<long[]> steps = steps(scores, labels);
        long positives = Metrics.positives(labels);
        List<PrPoint> all = new ArrayList<>(steps.size());
        if (positives == 0) {
            return all;
        }
        for (long[] s : steps) {
            all.add(new PrPoint(Double.longBitsToDouble(s[0]), (double) s[1] / positives,
                    (double) s[1] / (s[1] + s[2])));
        }
        return downsample(all, maxPoints);
    }

    /**
     * The ROC curve from (0, 0) (nothing flagged) to (1, 1), at most {@code maxPoints} points; empty when either class
     * is empty (the rates are undefined).
     */
    public static List<RocPoint> roc(double[] scores, boolean[] labels, int maxPoints) {
        List<long[]> steps = steps(scores, labels);
        long positives = Metrics.positives(labels);
        long negatives = labels.length - positives;
        List<RocPoint> all = new ArrayList<>(steps.size() + 1);
        if (positives == 0 || negatives == 0) {
            return all;
        }
        all.add(new RocPoint(null, 0.0, 0.0));
        for (long[] s : steps) {
            all.add(new RocPoint(Double.longBitsToDouble(s[0]), (double) s[2] / negatives, (double) s[1] / positives));
        }
        return downsample(all, maxPoints);
    }

    /** Per distinct score, highest first: {threshold bits, TP, FP} of flagging every row at or above it. */
    private static List<long[]> steps(double[] scores, boolean[] labels) {
        Metrics.check(scores, labels);
        Integer[] order = Metrics.descending(scores);
        List<long[]> steps = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            double s = scores[order[i]];
            while (i < order.length && scores[order[i]] == s) {
                if (labels[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            steps.add(new long[] {Double.doubleToLongBits(s), tp, fp});
        }
        return steps;
    }

    /** At most {@code maxPoints} of {@code points}, evenly spaced by index, the first and the last always kept. */
    static <T> List<T> downsample(List<T> points, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2");
        }
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        List<T> out = new ArrayList<>(maxPoints);
        int previous = -1;
        for (int j = 0; j < maxPoints; j++) {
            int index = (int) Math.round((double) j * (n - 1) / (maxPoints - 1));
            if (index != previous) {
                out.add(points.get(index));
                previous = index;
            }
        }
        return List.copyOf(out);
    }
}
