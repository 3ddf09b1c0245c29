package io.openfraud.retraining.drift.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts per category, mergeable by adding counts. Categories of the feature set are small codes and 0/1 flags, so
 * they are kept as doubles in a small array scanned linearly (no boxing per event); {@link #asMap()} names them.
 */
public final class CategoricalHistogram {

    private double[] keys = new double[4];
    private long[] counts = new long[4];
    private int size;
    private long nan;

    /** A histogram restored from category counts (keys as {@link #label(double)} writes them). */
    public static CategoricalHistogram of(Map<String, Long> counts, long nan) {
        CategoricalHistogram h = new CategoricalHistogram();
        counts.forEach((k, v) -> h.add(Double.parseDouble(k), v));
        h.nan = nan;
        return h;
    }

    /** Counts one value. */
    public void add(double x) {
        add(x, 1);
    }

    private void add(double x, long n) {
        if (Double.isNaN(x)) {
            nan += n;
            return;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == x) {
                counts[i] += n;
                return;
            }
        }
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            counts = java.util.Arrays.copyOf(counts, size * 2);
        }
        keys[size] = x;
        counts[size] = n;
        size++;
    }

    /** Adds {@code other}'s counts to this one. */
    public void merge(CategoricalHistogram other) {
        for (int i = 0; i < other.size; i++) {
            add(other.keys[i], other.counts[i]);
        }
        nan += other.nan;
    }

    /** Count of {@code category} (0 if never seen). */
    public long count(double category) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == category) {
                return counts[i];
            }
        }
        return 0;
    }

    /** Category label to count, in category order. */
    public Map<String, Long> asMap() {
        Map<Double, Long> sorted = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            sorted.put(keys[i], counts[i]);
        }
        Map<String, Long> named = new java.util.LinkedHashMap<>();
        sorted.forEach((k, v) -> named.put(label(k), v));
        return named;
    }

    public long total() {
        long t = 0;
        for (int i = 0; i < size; i++) {
            t += counts[i];
        }
        return t;
    }

    public long nan() {
        return nan;
    }

    /** A category as text: an integer when integral ({@code 1}, not {@code 1.0}). */
    public static String label(double category) {
        if (category == Math.rint(category) && Math.abs(category) < 1e15) {
            return Long.toString((long) category);
        }
        return Double.toString(category);
    }
}
