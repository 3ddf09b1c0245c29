package io.openfraud.model.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking and probability metrics in plain Java (no engine), used by training, the registry's promotion gate and
 * evaluation alike. A row counts as flagged at threshold {@code t} when {@code score >= t}; tied scores always fall
 * on the same side of a threshold, so no metric depends on the order of tied rows except {@link #precisionAtK}.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * PR-AUC as <b>average precision</b> (the step-wise sum, as scikit-learn's {@code average_precision_score}, not a
     * trapezoidal interpolation, which is optimistic): {@code AP = sum_n (R_n - R_{n-1}) * P_n} over the distinct
     * score values taken as thresholds from the highest down, where {@code P_n} and {@code R_n} are precision and
     * recall when every row scoring at least the n-th value is flagged. Tied rows enter together. 0 without frauds.
     */
    public static double averagePrecision(double[] scores, boolean[] labels) {
        check(scores, labels);
        long positives = positives(labels);
        if (positives == 0) {
            return 0.0;
        }
        Integer[] order = descending(scores);
        double ap = 0.0;
        long tp = 0;
        long flagged = 0;
        double previousRecall = 0.0;
        int i = 0;
        while (i < order.length) {
            double s = scores[order[i]];
            while (i < order.length && scores[order[i]] == s) {
                if (labels[order[i]]) {
                    tp++;
                }
                flagged++;
                i++;
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / flagged);
            previousRecall = recall;
        }
        return ap;
    }

    /**
     * ROC-AUC: the probability that a random fraud scores above a random legitimate row, ties counting one half
     * (the Mann-Whitney U statistic over the product of class sizes). 0.5 when either class is empty.
     */
    public static double rocAuc(double[] scores, boolean[] labels) {
        check(scores, labels);
        long positives = positives(labels);
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        Integer[] order = descending(scores);
        // Walk from the highest score down; for each group of ties, every fraud in it beats the legitimate rows below
        // (counted later as they appear) and ties with the group's legitimate rows.
        double pairs = 0.0;
        long negativesAbove = 0;
        int i = 0;
        while (i < order.length) {
            double s = scores[order[i]];
            long groupPos = 0;
            long groupNeg = 0;
            while (i < order.length && scores[order[i]] == s) {
                if (labels[order[i]]) {
                    groupPos++;
                } else {
                    groupNeg++;
                }
                i++;
            }
            // frauds in this group beat every legitimate row strictly below: negatives - negativesAbove - groupNeg
            pairs += groupPos * (double) (negatives - negativesAbove - groupNeg) + 0.5 * groupPos * groupNeg;
            negativesAbove += groupNeg;
        }
        return pairs / ((double) positives * negatives);
    }

    /**
     * The highest recall of any threshold (taken at the distinct score values, plus "flag nothing") whose false
     * positive rate is at most {@code maxFpr}.
     */
    public static double recallAtFpr(double[] scores, boolean[] labels, double maxFpr) {
        return thresholdAtFpr(scores, labels, maxFpr).recall();
    }

    /**
     * The confusion matrix of the threshold (among the distinct score values) with the highest recall whose false
     * positive rate is at most {@code maxFpr}; of thresholds with that recall, the highest (fewest false positives).
     * Flags nothing (threshold +infinity) when no threshold within the rate catches a fraud.
     */
    public static ConfusionMatrix thresholdAtFpr(double[] scores, boolean[] labels, double maxFpr) {
        check(scores, labels);
        long positives = positives(labels);
        long negatives = labels.length - positives;
        Integer[] order = descending(scores);
        double best = Double.POSITIVE_INFINITY;
        long tp = 0;
        long fp = 0;
        long bestTp = 0;
        long bestFp = 0;
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
            double fpr = negatives == 0 ? 0.0 : (double) fp / negatives;
            if (fpr > maxFpr) {
                break;
            }
            if (tp > bestTp) {
                best = s;
                bestTp = tp;
                bestFp = fp;
            }
        }
        return new ConfusionMatrix(best, bestTp, bestFp, negatives - bestFp, positives - bestTp);
    }

    /**
     * Share of frauds among the {@code k} highest scores (ties broken by input order, the earlier row first: a stable
     * sort). {@code k} larger than the row count uses all rows.
     */
    public static double precisionAtK(double[] scores, boolean[] labels, int k) {
        check(scores, labels);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        Integer[] order = descending(scores);
        int n = Math.min(k, order.length);
        long tp = 0;
        for (int i = 0; i < n; i++) {
            if (labels[order[i]]) {
                tp++;
            }
        }
        return n == 0 ? 0.0 : (double) tp / n;
    }

    /** Brier score: the mean of {@code (p - y)^2}, y 1 for fraud; 0 for no rows. Scores must be probabilities. */
    public static double brier(double[] probabilities, boolean[] labels) {
        check(probabilities, labels);
        double sum = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += d * d;
        }
        return probabilities.length == 0 ? 0.0 : sum / probabilities.length;
    }

    static long positives(boolean[] labels) {
        long p = 0;
        for (boolean l : labels) {
            if (l) {
                p++;
            }
        }
        return p;
    }

    /** Row indices by score, highest first; stable for ties. */
    static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    static void check(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels differ in length: " + scores.length + " vs " + labels.length);
        }
        for (double s : scores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("a score is NaN");
            }
        }
    }
}
