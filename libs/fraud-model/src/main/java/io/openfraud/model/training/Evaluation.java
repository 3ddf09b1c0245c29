package io.openfraud.model.training;

import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.metrics.Metrics;

/**
 * A scorer's metrics on one window.
 *
 * @param prAuc              average precision
 * @param rocAuc             ROC-AUC
 * @param recallAt1PctFpr    recall at a false-positive rate of at most 1%
 * @param precisionAtK       precision among the k highest scores
 * @param k                  that k
 * @param brier              Brier score of the scores taken as probabilities
 * @param confusion          confusion matrix at the decision threshold
 */
public record Evaluation(double prAuc, double rocAuc, double recallAt1PctFpr, double precisionAtK, int k,
        double brier, ConfusionMatrix confusion) {

    /** Metrics of {@code scores} against {@code labels}, confusion matrix at {@code threshold}. */
    public static Evaluation of(double[] scores, boolean[] labels, double threshold, int k) {
        return new Evaluation(Metrics.averagePrecision(scores, labels), Metrics.rocAuc(scores, labels),
                Metrics.recallAtFpr(scores, labels, 0.01), Metrics.precisionAtK(scores, labels, k), k,
                Metrics.brier(scores, labels), ConfusionMatrix.at(scores, labels, threshold));
    }
}
