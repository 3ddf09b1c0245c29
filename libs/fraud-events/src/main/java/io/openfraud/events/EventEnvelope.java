package io.openfraud.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event on every topic carries.
 *
 * @param eventId       unique id of this event (a UUID); consumers use it to drop redeliveries
 * @param type          the event type, equal to the topic's {@link Topic#eventType()}
 * @param schemaVersion version of the payload's schema ({@link Topic#schemaVersion()} when produced)
 * @param occurredAt    when the producer created the event (not the business event time)
 * @param producer      the producing service, for example {@code ingestion-service}
 * @param payload       the event itself
 * @param <T>           payload type
 */
public record EventEnvelope<T>(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }

    /** A new envelope for {@code payload} on {@code topic}, stamped now with a random event id. */
    public static <T> EventEnvelope<T> of(Topic<T> topic, String producer, T payload, Instant now) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), topic.eventType(), topic.schemaVersion(), now,
                producer, payload);
    }
}
