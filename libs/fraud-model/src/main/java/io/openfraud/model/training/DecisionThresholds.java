package io.openfraud.model.training;

import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.metrics.Metrics;
import io.openfraud.model.training.TrainingConfig.CostMatrix;
import java.util.Arrays;

/** Chooses decision thresholds on validation scores. A threshold flags scores at or above it. */
public final class DecisionThresholds {

    /** Threshold that flags nothing (scores are probabilities below 1). */
    public static final double NOTHING = 1.0;

    private DecisionThresholds() {
    }

    /** The lowest threshold whose false-positive rate is at most {@code fpr} (highest recall within the rate). */
    public static double atFpr(double[] scores, boolean[] labels, double fpr) {
        double t = Metrics.thresholdAtFpr(scores, labels, fpr).threshold();
        return Double.isInfinite(t) ? NOTHING : t;
    }

    /**
     * The threshold among the distinct scores (and {@link #NOTHING}) that minimises
     * {@code FP * falsePositive + FN * falseNegative}; the higher threshold wins a tie.
     */
    public static double minimumCost(double[] scores, boolean[] labels, CostMatrix costs) {
        double[] candidates = Arrays.stream(scores).distinct().sorted().toArray();
        double best = NOTHING;
        double bestCost = cost(ConfusionMatrix.at(scores, labels, NOTHING), costs);
        for (int i = candidates.length - 1; i >= 0; i--) {
            double c = cost(ConfusionMatrix.at(scores, labels, candidates[i]), costs);
            if (c < bestCost) {
                bestCost = c;
                best = candidates[i];
            }
        }
        return best;
    }

    private static double cost(ConfusionMatrix m, CostMatrix costs) {
        return m.falsePositives() * costs.falsePositive() + m.falseNegatives() * costs.falseNegative();
    }
}
