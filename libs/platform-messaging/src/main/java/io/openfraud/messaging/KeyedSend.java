package io.openfraud.messaging;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topic;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a keyed record through an emitter and completes when the broker has acknowledged it (or fails with the
 * broker's error), so callers decide what "published" means instead of firing and forgetting.
 */
public final class KeyedSend {

    private KeyedSend() {
    }

    /** Wraps {@code payload} in an envelope for {@code topic} and sends it under {@code key}. */
    public static <V> CompletableFuture<Void> event(Emitter<EventEnvelope<V>> emitter, Topic<V> topic,
            String producer, String key, V payload) {
        return send(emitter, EventEnvelope.of(topic, producer, payload, Instant.now()), key, null);
    }

    /** Sends {@code payload} under {@code key} with optional headers. */
    public static <T> CompletableFuture<Void> send(Emitter<T> emitter, T payload, String key, Headers headers) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (headers != null) {
            metadata = metadata.withHeaders(headers);
        }
        emitter.send(Message.of(payload).addMetadata(metadata.build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
