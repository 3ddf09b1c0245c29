package io.openfraud.model.training;

import java.time.Instant;

/**
 * A slice of the data by event time.
 *
 * @param from   earliest event time (inclusive)
 * @param to     latest event time (inclusive)
 * @param rows   transactions
 * @param frauds of which labelled fraud
 */
public record DataWindow(Instant from, Instant to, int rows, long frauds) {

    static DataWindow of(LabelledRows rows) {
        int n = rows.size();
        return new DataWindow(n == 0 ? null : Instant.ofEpochMilli(rows.timestamps()[0]),
                n == 0 ? null : Instant.ofEpochMilli(rows.timestamps()[n - 1]), n, rows.frauds());
    }
}
