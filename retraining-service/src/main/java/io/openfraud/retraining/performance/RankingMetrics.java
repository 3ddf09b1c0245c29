package io.openfraud.retraining.performance;

import java.util.Arrays;

/**
 * PR-AUC (average precision) and precision/recall at a threshold, in plain Java. A small local copy until the shared
 * metrics of libs/fraud-model land (issue #6, model library); then this delegates to them.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * Average precision: {@code sum over thresholds of (R_k - R_{k-1}) * P_k}, thresholds at each distinct score from
     * the highest (tied scores form one step, so the order of ties does not matter). This is scikit-learn's
     * {@code average_precision_score}, the usual PR-AUC without interpolation. NaN without positives.
     */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long tp = 0;
        long seen = 0;
        double previousRecall = 0;
        int i = 0;
        while (i < n) {
            double s = scores[order[i]];
            while (i < n && scores[order[i]] == s) {
                if (positive[order[i]]) {
                    tp++;
                }
                seen++;
                i++;
            }
            double recall = (double) tp / positives;
            double precision = (double) tp / seen;
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return ap;
    }

    /**
     * Precision and recall of {@code flagged} against {@code positive}.
     *
     * @return {precision, recall}; precision is NaN when nothing is flagged, recall NaN without positives
     */
    public static double[] precisionRecall(boolean[] flagged, boolean[] positive) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < flagged.length; i++) {
            if (flagged[i] && positive[i]) {
                tp++;
            } else if (flagged[i]) {
                fp++;
            } else if (positive[i]) {
                fn++;
            }
        }
        return new double[] {tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp),
                tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn)};
    }
}
