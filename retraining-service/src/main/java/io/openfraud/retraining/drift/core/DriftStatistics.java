package io.openfraud.retraining.drift.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The drift statistics, in plain Java, on histograms (so they work on merged time buckets without the raw values).
 *
 * <ul>
 *   <li><b>PSI</b> (population stability index): {@code sum((q - p) * ln(q / p))} over bins, where {@code p} is the
 *   reference share and {@code q} the production share of a bin. An empty bin's share is replaced by
 *   {@link #PSI_EPSILON} (10^-4, as Evidently does), so one empty bin costs a bounded amount instead of infinity.</li>
 *   <li><b>Wasserstein-1</b> for numeric features: the area between the two cumulative distribution functions, each
 *   rebuilt from the histogram with every bin's exact count and mean (its values spread evenly around the mean, inside
 *   the bin; the open under- and overflow bins end at the observed minimum and maximum). Its error against the exact value is bounded by the bin widths and measured
 *   in the tests and the benchmark. {@link #normedWasserstein} divides by the reference standard deviation (at
 *   least 0.001), Evidently's "normed" variant, so one threshold fits features of any scale.</li>
 *   <li><b>Jensen-Shannon distance</b> for categorical features: the square root of the Jensen-Shannon divergence
 *   with natural logarithms (scipy's default, as in Evidently), so it lies in {@code [0, sqrt(ln 2)]}.</li>
 * </ul>
 */
public final class DriftStatistics {

    /** Share given to an empty bin in PSI. */
    public static final double PSI_EPSILON = 1e-4;

    /** Lower bound of the standard deviation that normalises Wasserstein (Evidently's). */
    public static final double MIN_NORM = 1e-3;

    private DriftStatistics() {
    }

    /** PSI of two count vectors over the same bins; NaN if either is empty. */
    public static double psi(long[] reference, long[] production) {
        if (reference.length != production.length) {
            throw new IllegalArgumentException("different bins");
        }
        double rt = sum(reference);
        double pt = sum(production);
        if (rt == 0 || pt == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = share(reference[i], rt);
            double q = share(production[i], pt);
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    /** PSI of two numeric histograms (same edges). */
    public static double psi(NumericHistogram reference, NumericHistogram production) {
        return psi(reference.counts(), production.counts());
    }

    /** PSI of two categorical histograms, over the union of their categories. */
    public static double psi(CategoricalHistogram reference, CategoricalHistogram production) {
        long[][] aligned = align(reference.asMap(), production.asMap());
        return psi(aligned[0], aligned[1]);
    }

    /** Jensen-Shannon distance (natural log) of two count vectors over the same categories; NaN if either is empty. */
    public static double jensenShannon(long[] reference, long[] production) {
        double rt = sum(reference);
        double pt = sum(production);
        if (rt == 0 || pt == 0) {
            return Double.NaN;
        }
        double divergence = 0;
        for (int i = 0; i < reference.length; i++) {
            double p = reference[i] / rt;
            double q = production[i] / pt;
            double m = (p + q) / 2;
            if (p > 0) {
                divergence += 0.5 * p * Math.log(p / m);
            }
            if (q > 0) {
                divergence += 0.5 * q * Math.log(q / m);
            }
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    /** Jensen-Shannon distance of two categorical histograms, over the union of their categories. */
    public static double jensenShannon(CategoricalHistogram reference, CategoricalHistogram production) {
        long[][] aligned = align(reference.asMap(), production.asMap());
        return jensenShannon(aligned[0], aligned[1]);
    }

    /** Wasserstein-1 distance between two histograms over the same edges; NaN if either is empty. */
    public static double wasserstein(NumericHistogram reference, NumericHistogram production) {
        if (!Arrays.equals(reference.edges(), production.edges())) {
            throw new IllegalArgumentException("different edges");
        }
        if (reference.total() == 0 || production.total() == 0) {
            return Double.NaN;
        }
        Cdf f = new Cdf(reference);
        Cdf g = new Cdf(production);
        double[] xs = union(f.points, g.points);
        double area = 0;
        for (int i = 0; i + 1 < xs.length; i++) {
            double a = xs[i];
            double b = xs[i + 1];
            if (!(b > a)) {
                continue;
            }
            double mid = a + (b - a) / 2;
            double d0 = f.at(a, mid) - g.at(a, mid);
            double d1 = f.at(b, mid) - g.at(b, mid);
            area += segmentArea(b - a, d0, d1);
        }
        return area;
    }

    /** {@link #wasserstein} divided by the reference standard deviation (at least {@link #MIN_NORM}). */
    public static double normedWasserstein(double wasserstein, double referenceStd) {
        return wasserstein / Math.max(referenceStd, MIN_NORM);
    }

    /** Exact Wasserstein-1 distance between two samples (for tests and the benchmark); sorts copies. */
    public static double exactWasserstein(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double area = 0;
        double prev = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double next;
            if (j >= y.length || (i < x.length && x[i] <= y[j])) {
                next = x[i];
            } else {
                next = y[j];
            }
            area += Math.abs((double) i / x.length - (double) j / y.length) * (next - prev);
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
            prev = next;
        }
        return area;
    }

    /** Integral over a segment of length {@code l} of {@code |d|}, with {@code d} linear from d0 to d1. */
    static double segmentArea(double l, double d0, double d1) {
        if (d0 * d1 >= 0) {
            return l * (Math.abs(d0) + Math.abs(d1)) / 2;
        }
        return l * (d0 * d0 + d1 * d1) / (2 * (Math.abs(d0) + Math.abs(d1)));
    }

    private static double share(long count, double total) {
        return count == 0 ? PSI_EPSILON : count / total;
    }

    private static double sum(long[] counts) {
        double s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    private static long[][] align(Map<String, Long> reference, Map<String, Long> production) {
        Set<String> keys = new LinkedHashSet<>(reference.keySet());
        keys.addAll(production.keySet());
        long[] r = new long[keys.size()];
        long[] p = new long[keys.size()];
        int i = 0;
        for (String k : keys) {
            r[i] = reference.getOrDefault(k, 0L);
            p[i] = production.getOrDefault(k, 0L);
            i++;
        }
        return new long[][] {r, p};
    }

    private static double[] union(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        return Arrays.stream(all).distinct().toArray();
    }

    /**
     * A histogram's CDF. The values of a bin are taken as spread evenly over the widest interval inside the bin that
     * is centred on the bin's mean ({@code [mean - h, mean + h]}, {@code h} the distance from the mean to the nearer
     * bin bound): it has the bin's exact mean and count, and a point mass when the mean sits on a bound. The CDF is
     * linear on those intervals and flat between them.
     */
    private static final class Cdf {
        final double[] points;
        final double[] cumulative;

        Cdf(NumericHistogram h) {
            int bins = h.bins();
            long[] counts = h.counts();
            double total = h.total();
            double[] p = new double[2 * bins];
            double[] c = new double[2 * bins];
            int n = 0;
            double running = 0;
            for (int i = 0; i < bins; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                double lo = h.lower(i);
                double hi = Math.max(h.upper(i), lo);
                double mean = Math.min(Math.max(h.mean(i), lo), hi);
                double half = Math.min(mean - lo, hi - mean);
                double start = mean - half;
                if (n > 0 && start < p[n - 1]) {
                    start = p[n - 1]; // rounding: keep the breakpoints ordered
                }
                p[n] = start;
                c[n++] = running / total;
                running += counts[i];
                p[n] = Math.max(mean + half, start);
                c[n++] = running / total;
            }
            points = java.util.Arrays.copyOf(p, n);
            cumulative = java.util.Arrays.copyOf(c, n);
        }

        /**
         * The CDF at {@code x}, an end of a segment with no breakpoint inside, read on the side of {@code inside} (a
         * point within that segment): so a point mass is a jump, not a slope.
         */
        double at(double x, double inside) {
            if (inside < points[0]) {
                return 0;
            }
            if (inside >= points[points.length - 1]) {
                return 1;
            }
            int j = 0;
            int lo = 0;
            int hi = points.length - 2;
            while (lo <= hi) {
                int m = (lo + hi) >>> 1;
                if (points[m] <= inside) {
                    j = m;
                    lo = m + 1;
                } else {
                    hi = m - 1;
                }
            }
            double width = points[j + 1] - points[j];
            if (width <= 0) {
                return cumulative[j + 1];
            }
            double t = (x - points[j]) / width;
            return cumulative[j] + (cumulative[j + 1] - cumulative[j]) * t;
        }
    }
}
