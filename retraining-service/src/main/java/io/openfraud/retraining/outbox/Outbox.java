package io.openfraud.retraining.outbox;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * Puts events in the outbox table inside the caller's database transaction, so an event exists exactly when the state
 * it announces was committed. The payload is the encoded {@link EventEnvelope}, byte for byte what goes on the topic,
 * and its eventId is the row's, so a re-publication carries the same id. Same pattern as ingestion-service's outbox
 * (without its crash-test fault point). When the transaction commits, the relay is
 * woken at once; if it rolls back, nothing was written and nothing is published.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "INSERT INTO outbox (event_id, topic, record_key, payload) VALUES (?, ?, ?, ?)";

    private final Session session;
    private final TransactionSynchronizationRegistry registry;
    private final OutboxRelay relay;
    private final Map<String, EventCodec<?>> codecs = new ConcurrentHashMap<>();

    Outbox(Session session, TransactionSynchronizationRegistry registry, OutboxRelay relay) {
        this.session = session;
        this.registry = registry;
        this.relay = relay;
    }

    /**
     * Wraps {@code payload} in a new envelope (event id, type, schema version, {@code occurredAt}, producer
     * retraining-service) and writes it for {@code topic} under {@code key}. Must run inside a transaction.
     *
     * @return the envelope, as it will be published
     */
    public <V> EventEnvelope<V> enqueue(Topic<V> topic, String key, V payload, Instant occurredAt) {
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the outbox is written inside the transaction of the state it announces");
        }
        EventEnvelope<V> envelope = EventEnvelope.of(topic, Services.RETRAINING, payload, occurredAt);
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

    @SuppressWarnings("unchecked")
    private <V> EventCodec<V> codec(Topic<V> topic) {
        return (EventCodec<V>) codecs.computeIfAbsent(topic.name(), name -> new EventCodec<>(topic));
    }

    /** Once per transaction: after a commit, the relay's signal. */
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
                    relay.wakeUp();
                }
            }
        });
    }
}
