package io.openfraud.feature.state;

import java.time.Instant;

/**
 * What the feature service knows about one customer pseudonym.
 *
 * @param count         transactions folded in
 * @param sumMinor      their total amount, minor units (integer: online and offline agree bit for bit)
 * @param lastEventTime event time of the latest, or {@code null}
 */
public record CustomerState(long count, long sumMinor, Instant lastEventTime) {

    /** A customer never seen. */
    public static final CustomerState EMPTY = new CustomerState(0, 0, null);
}
