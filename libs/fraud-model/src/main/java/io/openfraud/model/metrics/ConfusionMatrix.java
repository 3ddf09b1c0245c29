package io.openfraud.model.metrics;

/**
 * Counts at one decision threshold: a row is flagged when its score is at least the threshold.
 *
 * @param threshold      the threshold
 * @param truePositives  frauds flagged
 * @param falsePositives legitimate rows flagged
 * @param trueNegatives  legitimate rows not flagged
 * @param falseNegatives frauds not flagged
 */
public record ConfusionMatrix(double threshold, long truePositives, long falsePositives, long trueNegatives,
        long falseNegatives) {

    /** Counts of {@code scores >= threshold} against {@code labels}. */
    public static ConfusionMatrix at(double[] scores, boolean[] labels, double threshold) {
        Metrics.check(scores, labels);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (labels[i]) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(threshold, tp, fp, tn, fn);
    }

    /** TP / (TP + FP); 0 when nothing is flagged. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); 0 without frauds. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** FP / (FP + TN); 0 without legitimate rows. */
    public double falsePositiveRate() {
        return ratio(falsePositives, falsePositives + trueNegatives);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }
}
