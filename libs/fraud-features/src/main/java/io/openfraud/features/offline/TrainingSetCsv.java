package io.openfraud.features.offline;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes training rows as CSV: a header {@code transaction_id,timestamp,label,<feature names>}, then one line per
 * transaction. The first three columns are keys for joins and time-based splits, not features. {@code label} is
 * {@code 1} (fraud), {@code 0} (legitimate) or empty (unknown). Values are written with {@link Double#toString} (or as
 * an integer when integral), which reads back to the same double.
 */
public final class TrainingSetCsv implements OfflineBuilder.RowSink<Boolean> {

    private final Writer out;
    private long rows;

    public TrainingSetCsv(Writer out) {
        this.out = out;
        write("transaction_id,timestamp,label," + String.join(",", FeatureSet.names()) + "\n");
    }

    @Override
    public void row(MaskedTransaction t, Boolean fraud, double[] features) {
        StringBuilder line = new StringBuilder(features.length * 6 + 64);
        line.append(csv(t.transactionId())).append(',').append(t.timestamp()).append(',')
                .append(fraud == null ? "" : fraud ? "1" : "0");
        for (double v : features) {
            line.append(',');
            if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
                line.append((long) v);
            } else {
                line.append(v);
            }
        }
        line.append('\n');
        write(line.toString());
        rows++;
    }

    /** Rows written. */
    public long rows() {
        return rows;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training set", e);
        }
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
