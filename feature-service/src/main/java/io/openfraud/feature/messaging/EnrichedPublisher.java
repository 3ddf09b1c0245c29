package io.openfraud.feature.messaging;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes feature vectors on {@code transactions.enriched}, keyed by customer pseudonym. */
@ApplicationScoped
public class EnrichedPublisher {

    static final String CHANNEL = "transactions-enriched";

    private final Emitter<EventEnvelope<EnrichedTransaction>> emitter;

    EnrichedPublisher(@Channel(CHANNEL) Emitter<EventEnvelope<EnrichedTransaction>> emitter) {
        this.emitter = emitter;
    }

    public CompletableFuture<Void> publish(EnrichedTransaction enriched) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched,
                        Instant.now()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(enriched.customerPseudonym())
                        .build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }
}
