package io.openfraud.features.offline;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.EntityStates;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.EntityStateCodec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Point-in-time training rows: replays a history of masked transactions in event-time order through the same code as
 * feature-service ({@link FeatureSet#compute} on the states before, then {@link FeatureSet#fold}, states kept in
 * their serialised form) and hands over one row per transaction as known just before it. Nothing from a later event
 * reaches an earlier row.
 *
 * <p>Order: the input need not be sorted. Rows are held in a reorder buffer until the largest event time seen is more
 * than the lateness bound ({@link EntityState#LATENESS_MILLIS}, one hour) past them, then processed by (event time,
 * input order): transactions with equal timestamps in the order given, as the stream would deliver them. A row
 * arriving later than that bound is processed on arrival, exactly as the online service treats a late event. Memory:
 * the buffer (one hour of events) and one serialised state per entity active within the last 8 days of event time
 * (silent entities are swept out as the map grows).
 *
 * @param <T> what the caller attaches to each row (for example the file's label), handed back with it
 */
public final class OfflineBuilder<T> implements AutoCloseable {

    /** Receives the rows, in processing order. */
    @FunctionalInterface
    public interface RowSink<T> {
        void row(MaskedTransaction transaction, T tag, double[] features);
    }

    private record Pending<T>(MaskedTransaction t, long millis, long sequence, T tag) {
    }

    private final RowSink<T> sink;
    private final PriorityQueue<Pending<T>> buffer = new PriorityQueue<>(
            Comparator.<Pending<T>>comparingLong(Pending::millis).thenComparingLong(Pending::sequence));
    private final Map<EntityKey, byte[]> states = new HashMap<>();
    private long sequence;
    private long maxMillis = Long.MIN_VALUE;
    private long processed;
    private int sweepAt = 1 << 16;

    public OfflineBuilder(RowSink<T> sink) {
        this.sink = sink;
    }

    /** Adds one transaction of the history. */
    public void accept(MaskedTransaction t, T tag) {
        long millis = t.timestamp().toEpochMilli();
        buffer.add(new Pending<>(t, millis, sequence++, tag));
        maxMillis = Math.max(maxMillis, millis);
        while (!buffer.isEmpty() && buffer.peek().millis() < maxMillis - EntityState.LATENESS_MILLIS) {
            process(buffer.poll());
        }
    }

    /** Processes what is still buffered. */
    public void finish() {
        while (!buffer.isEmpty()) {
            process(buffer.poll());
        }
    }

    @Override
    public void close() {
        finish();
    }

    /** Transactions processed so far. */
    public long processed() {
        return processed;
    }

    /** Entities held. */
    public int entities() {
        return states.size();
    }

    private void process(Pending<T> p) {
        MaskedTransaction t = p.t();
        EntityStates before = EntityStates.EMPTY;
        for (EntityKey key : EntityStates.keysOf(t)) {
            before = before.with(key.kind(), EntityStateCodec.decode(states.get(key)));
        }
        sink.row(t, p.tag(), FeatureSet.compute(t, before));
        EntityStates after = FeatureSet.fold(t, before, true);
        for (EntityKey key : EntityStates.keysOf(t)) {
            states.put(key, EntityStateCodec.encode(after.get(key.kind())));
        }
        processed++;
        if (states.size() >= sweepAt) {
            sweep(p.millis());
        }
    }

    /** Drops entities silent for longer than the expiry: they would read as empty anyway. */
    private void sweep(long nowMillis) {
        Iterator<Map.Entry<EntityKey, byte[]>> it = states.entrySet().iterator();
        while (it.hasNext()) {
            EntityState s = EntityStateCodec.decode(it.next().getValue());
            if (s.asOf(nowMillis - EntityState.LATENESS_MILLIS) == EntityState.EMPTY) {
                it.remove();
            }
        }
        sweepAt = Math.max(1 << 16, states.size() * 2);
    }
}
