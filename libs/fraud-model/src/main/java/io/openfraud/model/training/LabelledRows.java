package io.openfraud.model.training;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A training set: one feature vector per transaction (point-in-time, from the offline builder), its label, event
 * time and cluster (for example the card or customer pseudonym, for clustered confidence intervals).
 *
 * @param featureNames the vector order
 * @param features     one row per transaction
 * @param labels       true for fraud
 * @param timestamps   event time, epoch milliseconds
 * @param clusters     cluster of each row
 */
public record LabelledRows(List<String> featureNames, double[][] features, boolean[] labels, long[] timestamps,
        String[] clusters) {

    public LabelledRows {
        featureNames = List.copyOf(featureNames);
        int n = features.length;
        if (labels.length != n || timestamps.length != n || clusters.length != n) {
            throw new IllegalArgumentException("features, labels, timestamps and clusters differ in length");
        }
        for (double[] row : features) {
            if (row.length != featureNames.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for "
                        + featureNames.size() + " features");
            }
        }
    }

    /** Number of rows. */
    public int size() {
        return features.length;
    }

    /** Number of frauds. */
    public long frauds() {
        long n = 0;
        for (boolean l : labels) {
            if (l) {
                n++;
            }
        }
        return n;
    }

    /** The rows in event-time order (stable: equal times keep their order). */
    public LabelledRows sortedByTime() {
        int[] order = IntStream.range(0, size()).boxed()
                .sorted(Comparator.comparingLong(i -> timestamps[i])).mapToInt(Integer::intValue).toArray();
        return select(order);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public LabelledRows slice(int from, int to) {
        return select(IntStream.range(from, to).toArray());
    }

    private LabelledRows select(int[] idx) {
        double[][] f = new double[idx.length][];
        boolean[] y = new boolean[idx.length];
        long[] t = new long[idx.length];
        String[] c = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            f[i] = features[idx[i]];
            y[i] = labels[idx[i]];
            t[i] = timestamps[idx[i]];
            c[i] = clusters[idx[i]];
        }
        return new LabelledRows(featureNames, f, y, t, c);
    }

    @Override
    public String toString() {
        return "LabelledRows[" + size() + " rows, " + frauds() + " frauds, " + featureNames.size() + " features]";
    }
}
