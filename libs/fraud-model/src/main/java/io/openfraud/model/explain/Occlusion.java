package io.openfraud.model.explain;

import io.openfraud.model.network.FraudModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reason codes by occlusion against the training medians (stored in the artifact): for each feature, the score
 * change when that feature alone is reset to its median. One batched call of {@code features + 1} rows (only the
 * features that differ from their median are occluded; the others have no effect by construction). Model-agnostic
 * and exact for the model as served; it ignores interactions between features, which is the usual price of
 * single-feature occlusion.
 */
public final class Occlusion {

    private Occlusion() {
    }

    /** Every feature's effect, in feature order (0 where the value equals the median). */
    public static List<Attribution> attributions(FraudModel model, double[] row) {
        double[] medians = model.metadata().medians();
        List<String> names = model.metadata().featureNames();
        List<Integer> occluded = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            if (Double.compare(row[i], medians[i]) != 0) {
                occluded.add(i);
            }
        }
        double[][] batch = new double[occluded.size() + 1][];
        batch[0] = row;
        for (int k = 0; k < occluded.size(); k++) {
            double[] copy = row.clone();
            copy[occluded.get(k)] = medians[occluded.get(k)];
            batch[k + 1] = copy;
        }
        double[] scores = model.score(batch);
        double[] effects = new double[row.length];
        for (int k = 0; k < occluded.size(); k++) {
            effects[occluded.get(k)] = scores[0] - scores[k + 1];
        }
        List<Attribution> out = new ArrayList<>(row.length);
        for (int i = 0; i < row.length; i++) {
            out.add(new Attribution(names.get(i), row[i], medians[i], effects[i]));
        }
        return out;
    }

    /**
     * The {@code k} features that raise the score most (positive effect only, largest first; ties by feature
     * order): the reasons a score is high.
     */
    public static List<Attribution> topReasons(FraudModel model, double[] row, int k) {
        return attributions(model, row).stream()
                .filter(a -> a.effect() > 0)
                .sorted(Comparator.comparingDouble(Attribution::effect).reversed())
                .limit(k)
                .toList();
    }

    /** The {@code k} features whose reset moves the score most in either direction. */
    public static List<Attribution> largestEffects(FraudModel model, double[] row, int k) {
        return attributions(model, row).stream()
                .sorted(Comparator.comparingDouble((Attribution a) -> Math.abs(a.effect())).reversed())
                .limit(k)
                .toList();
    }
}
