package io.openfraud.ingestion.outbox;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * Puts events in the outbox table inside the caller's database transaction, so an event exists exactly when the state
 * it announces was committed. The payload is the encoded {@link EventEnvelope}, byte for byte what goes on the topic,
 * and its eventId is the row's, so a re-publication carries the same id. When the transaction commits, the relay is
 * woken at once; if it rolls back, nothing was written and nothing is published.
 *
 * <p>A bulk writer (an import's chunk of thousands of rows) writes a {@link Batch} instead: many events, of any
 * topics, in one outbox row, which the relay publishes as one Kafka record per event, in order, each with its own key
 * and envelope (its own event id). One row instead of two per transaction: measured in docs/benchmarks.md.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, record_key, payload) VALUES (?, ?, ?, ?)";
    private static final String INSERT_BATCH =
            "INSERT INTO outbox (event_id, topic, record_key, payload, records) VALUES (?, ?, NULL, ?, ?)";
    /** The topic column of a batch row (each framed event names its own topic). */
    public static final String BATCH_TOPIC = "(batch)";

    private final Session session;
    private final TransactionSynchronizationRegistry registry;
    private final OutboxRelay relay;
    private final FaultPoint faultPoint;
    private final Map<String, EventCodec<?>> codecs = new ConcurrentHashMap<>();

    Outbox(Session session, TransactionSynchronizationRegistry registry, OutboxRelay relay, FaultPoint faultPoint) {
        this.session = session;
        this.registry = registry;
        this.relay = relay;
        this.faultPoint = faultPoint;
    }

    /**
     * Wraps {@code payload} in a new envelope (event id, type, schema version, {@code occurredAt}, producer
     * ingestion-service) and writes it for {@code topic} under {@code key}. Must run inside a transaction.
     *
     * @return the envelope, as it will be published
     */
    public <V> EventEnvelope<V> enqueue(Topic<V> topic, String key, V payload, Instant occurredAt) {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the outbox is written inside the transaction of the state it announces");
        }
        EventEnvelope<V> envelope = EventEnvelope.of(topic, Services.INGESTION, payload, occurredAt);
        byte[] bytes = codec(topic).encode(envelope);
        // The session's connection is the transaction's: the row commits or rolls back with the entities.
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setObject(1, UUID.fromString(envelope.eventId()));
                insert.setString(2, topic.name());
                insert.setString(3, key);
                insert.setBytes(4, bytes);
                insert.executeUpdate();
            }
        });
        wakeRelayAfterCommit();
        return envelope;
    }

    /** One event to enqueue: its record key and payload. */
    public record Keyed<V>(String key, V payload) {
    }

    /** {@link #enqueue} for many events of one topic, in one JDBC batch. Must run inside a transaction. */
    public <V> void enqueueAll(Topic<V> topic, List<Keyed<V>> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the outbox is written inside the transaction of the state it announces");
        }
        EventCodec<V> codec = codec(topic);
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Keyed<V> event : events) {
                    EventEnvelope<V> envelope = EventEnvelope.of(topic, Services.INGESTION, event.payload(),
                            occurredAt);
                    insert.setObject(1, UUID.fromString(envelope.eventId()));
                    insert.setString(2, topic.name());
                    insert.setString(3, event.key());
                    insert.setBytes(4, codec.encode(envelope));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    /** A new, empty batch of events, written by {@link #enqueue(Batch)}. */
    public Batch newBatch() {
        return new Batch();
    }

    /**
     * Writes every event of {@code batch} as one outbox row (nothing when it is empty); the relay publishes them as
     * separate Kafka records, in the order they were added. Must run inside a transaction.
     */
    public void enqueue(Batch batch) {
        if (batch.records == 0) {
            return;
        }
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the outbox is written inside the transaction of the state it announces");
        }
        byte[] frames = batch.frames.toByteArray();
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, BATCH_TOPIC);
                insert.setBytes(3, frames);
                insert.setInt(4, batch.records);
                insert.executeUpdate();
            }
        });
        wakeRelayAfterCommit();
    }

    /**
     * Events of any topics to write as one outbox row. Each is framed as: topic (modified UTF-8), key present (a
     * boolean), key (modified UTF-8, when present), envelope length (int) and the encoded envelope; see
     * {@link OutboxStore#expand}. Not thread-safe.
     */
    public final class Batch {

        private final ByteArrayOutputStream frames = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream out = new DataOutputStream(frames);
        private int records;

        private Batch() {
        }

        /** Adds a new envelope of {@code payload} for {@code topic} under {@code key}; returns it as it will be published. */
        public <V> EventEnvelope<V> add(Topic<V> topic, String key, V payload, Instant occurredAt) {
            EventEnvelope<V> envelope = EventEnvelope.of(topic, Services.INGESTION, payload, occurredAt);
            byte[] bytes = codec(topic).encode(envelope);
            try {
                out.writeUTF(topic.name());
                out.writeBoolean(key != null);
                if (key != null) {
                    out.writeUTF(key);
                }
                out.writeInt(bytes.length);
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            records++;
            return envelope;
        }

        /** Events added so far. */
        public int size() {
            return records;
        }
    }

    @SuppressWarnings("unchecked")
    private <V> EventCodec<V> codec(Topic<V> topic) {
        return (EventCodec<V>) codecs.computeIfAbsent(topic.name(), name -> new EventCodec<>(topic));
    }

    /** Once per transaction: after a commit, the (test-only) fault point, then the relay's signal. */
    private void wakeRelayAfterCommit() {
        if (registry.getResource(Outbox.class) != null) {
            return;
        }
        registry.putResource(Outbox.class, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to add to the transaction
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    faultPoint.afterCommitBeforePublish();
                    relay.wakeUp();
                }
            }
        });
    }
}
