package io.openfraud.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Percentile bootstrap confidence interval that resamples <b>clusters</b> (for example cards or customers) with
 * replacement rather than rows: rows of one card are not independent (a compromised card makes several frauds), so a
 * row bootstrap understates the uncertainty when the test window holds few fraudulent cards.
 */
public final class ClusterBootstrap {

    /**
     * An estimate and its interval.
     *
     * @param estimate  the metric on the data as given
     * @param lower     lower percentile bound
     * @param upper     upper percentile bound
     * @param level     confidence level, for example 0.95
     * @param resamples number of bootstrap resamples
     * @param clusters  number of distinct clusters
     */
    public record Interval(double estimate, double lower, double upper, double level, int resamples, int clusters) {
    }

    private ClusterBootstrap() {
    }

    /** The interval of {@link Metrics#averagePrecision}. */
    public static Interval averagePrecision(double[] scores, boolean[] labels, String[] clusters, int resamples,
            double level, long seed) {
        return interval(scores, labels, clusters, resamples, level, seed, Metrics::averagePrecision);
    }

    /** The interval of any metric of (scores, labels); deterministic for a given seed. */
    public static Interval interval(double[] scores, boolean[] labels, String[] clusters, int resamples, double level,
            long seed, ToDoubleBiFunction<double[], boolean[]> metric) {
        Metrics.check(scores, labels);
        if (clusters.length != scores.length) {
            throw new IllegalArgumentException("one cluster per row is needed");
        }
        if (resamples < 1 || level <= 0 || level >= 1) {
            throw new IllegalArgumentException("resamples >= 1 and 0 < level < 1 are needed");
        }
        Map<String, List<Integer>> byCluster = new LinkedHashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            byCluster.computeIfAbsent(clusters[i], c -> new ArrayList<>()).add(i);
        }
        List<int[]> groups = byCluster.values().stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            int[][] drawn = new int[groups.size()][];
            int rows = 0;
            for (int g = 0; g < drawn.length; g++) {
                drawn[g] = groups.get(random.nextInt(groups.size()));
                rows += drawn[g].length;
            }
            double[] s = new double[rows];
            boolean[] y = new boolean[rows];
            int k = 0;
            for (int[] group : drawn) {
                for (int i : group) {
                    s[k] = scores[i];
                    y[k++] = labels[i];
                }
            }
            values[r] = metric.applyAsDouble(s, y);
        }
        Arrays.sort(values);
        double alpha = (1 - level) / 2;
        return new Interval(metric.applyAsDouble(scores, labels), percentile(values, alpha),
                percentile(values, 1 - alpha), level, resamples, groups.size());
    }

    /** Linear interpolation between closest ranks. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
