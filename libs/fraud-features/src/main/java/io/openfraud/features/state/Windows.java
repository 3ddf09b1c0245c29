package io.openfraud.features.state;

import java.time.Duration;
import java.util.List;

/**
 * The sliding windows of the feature set, each kept as time buckets of a fixed width so memory is bounded whatever the
 * rate of events. A window of length {@code W} queried at time {@code t} sums the buckets whose index lies in
 * {@code (floor((t - W) / w), floor(t / w)]}: the bucket holding {@code t - W} is left out, the bucket holding
 * {@code t} is counted whole. So the window covers between {@code W - w} and {@code W} of history before the bucket
 * of {@code t}, plus that bucket (precision: one bucket width, 5 min / 1 h / 6 h).
 */
public enum Windows {

    /** One hour in 5-minute buckets. */
    H1("1h", Duration.ofHours(1), Duration.ofMinutes(5)),
    /** 24 hours in 1-hour buckets. */
    H24("24h", Duration.ofHours(24), Duration.ofHours(1)),
    /** 7 days in 6-hour buckets. */
    D7("7d", Duration.ofDays(7), Duration.ofHours(6));

    /** Every window, shortest first. */
    public static final List<Windows> ALL = List.of(values());

    private final String suffix;
    private final long lengthMillis;
    private final long bucketMillis;

    Windows(String suffix, Duration length, Duration bucket) {
        this.suffix = suffix;
        this.lengthMillis = length.toMillis();
        this.bucketMillis = bucket.toMillis();
    }

    /** Suffix of the window's feature names ({@code 1h}, {@code 24h}, {@code 7d}). */
    public String suffix() {
        return suffix;
    }

    public long lengthMillis() {
        return lengthMillis;
    }

    public long bucketMillis() {
        return bucketMillis;
    }

    /** Index of the bucket holding {@code epochMillis}. */
    long bucketOf(long epochMillis) {
        return Math.floorDiv(epochMillis, bucketMillis);
    }

    /** First bucket index a query at {@code epochMillis} counts. */
    long firstCounted(long epochMillis) {
        return Math.floorDiv(epochMillis - lengthMillis, bucketMillis) + 1;
    }

    /**
     * First bucket index kept once the entity's latest event is at {@code latestMillis}: everything a query for an
     * event within the lateness bound may still count.
     */
    long firstKept(long latestMillis) {
        return firstCounted(latestMillis - EntityState.LATENESS_MILLIS);
    }
}
