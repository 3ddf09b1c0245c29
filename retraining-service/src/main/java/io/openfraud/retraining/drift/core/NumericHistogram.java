package io.openfraud.retraining.drift.core;

import java.util.Arrays;

/**
 * A histogram over fixed bin edges with an underflow and an overflow bin, mergeable across time buckets and replicas
 * (counts add; the observed minimum and maximum, which bound the two open bins, take their min and max).
 *
 * <p>Edges {@code e[0] < ... < e[n-1]} come from the reference's quantiles. Bin 0 holds {@code x < e[0]}, bins 1 to
 * {@code n-1} hold {@code [e[i-1], e[i])} with the last one closed at {@code e[n-1]}, and the last bin holds
 * {@code x > e[n-1]}. With a single edge (a constant reference) the one inner bin holds exactly that value. NaN is
 * counted apart ({@link #nan()}) and takes no part in the distances.
 */
public final class NumericHistogram {

    private final double[] edges;
    private final long[] counts;
    private final double[] sums;
    private long nan;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** An empty histogram over {@code edges} (strictly increasing, at least one). */
    public NumericHistogram(double[] edges) {
        if (edges.length == 0) {
            throw new IllegalArgumentException("at least one edge");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("edges must be strictly increasing");
            }
        }
        this.edges = edges.clone();
        this.counts = new long[innerBins(edges.length) + 2];
        this.sums = new double[counts.length];
    }

    /** A histogram restored from its parts (persistence). */
    public static NumericHistogram of(double[] edges, long[] counts, double[] sums, long nan, double min,
            double max) {
        NumericHistogram h = new NumericHistogram(edges);
        if (counts.length != h.counts.length || sums.length != h.counts.length) {
            throw new IllegalArgumentException("expected " + h.counts.length + " counts and sums");
        }
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        System.arraycopy(sums, 0, h.sums, 0, sums.length);
        h.nan = nan;
        h.min = min;
        h.max = max;
        return h;
    }

    private static int innerBins(int edgeCount) {
        return Math.max(edgeCount - 1, 1);
    }

    /** Index of the bin {@code x} falls in. */
    public int binOf(double x) {
        int n = edges.length;
        if (x < edges[0]) {
            return 0;
        }
        if (x > edges[n - 1]) {
            return counts.length - 1;
        }
        if (n == 1) {
            return 1;
        }
        // number of edges <= x, in [1, n]; the last inner bin is closed on the right
        int k = Arrays.binarySearch(edges, x);
        int le = k >= 0 ? k + 1 : -k - 1;
        return Math.min(le, n - 1);
    }

    /** Counts one value. */
    public void add(double x) {
        if (Double.isNaN(x)) {
            nan++;
            return;
        }
        int bin = binOf(x);
        counts[bin]++;
        sums[bin] += x;
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
    }

    /** Adds {@code other}'s counts (same edges) to this one. */
    public void merge(NumericHistogram other) {
        if (!Arrays.equals(edges, other.edges)) {
            throw new IllegalArgumentException("histograms over different edges cannot be merged");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            sums[i] += other.sums[i];
        }
        nan += other.nan;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** An empty histogram over the same edges. */
    public NumericHistogram emptyCopy() {
        return new NumericHistogram(edges);
    }

    public double[] edges() {
        return edges.clone();
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Sum of the values in each bin (so each bin's mean is known, which makes Wasserstein far more precise). */
    public double[] sums() {
        return sums.clone();
    }

    /** Mean of the values in bin {@code i} (NaN if empty). */
    public double mean(int i) {
        return counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
    }

    /** Values counted in bins (NaN excluded). */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    public long nan() {
        return nan;
    }

    /** Smallest value seen, or +infinity if none. */
    public double min() {
        return min;
    }

    /** Largest value seen, or -infinity if none. */
    public double max() {
        return max;
    }

    /** Lower bound of bin {@code i} as charts and distances use it (the underflow bin starts at the minimum). */
    public double lower(int i) {
        if (i == 0) {
            return Math.min(min, edges[0]);
        }
        return edges[Math.min(i - 1, edges.length - 1)];
    }

    /** Upper bound of bin {@code i} (the overflow bin ends at the maximum). */
    public double upper(int i) {
        if (i == counts.length - 1) {
            return Math.max(max, edges[edges.length - 1]);
        }
        if (i == 0) {
            return edges[0];
        }
        return edges.length == 1 ? edges[0] : edges[i];
    }

    /** Number of bins, underflow and overflow included. */
    public int bins() {
        return counts.length;
    }
}
