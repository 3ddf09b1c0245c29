package io.openfraud.ingestion.intake.messaging;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes accepted transactions on {@code transactions.validated}, keyed by customer pseudonym. */
@ApplicationScoped
public class ValidatedPublisher {

    /** Outgoing channel bound to {@link Topics#TRANSACTIONS_VALIDATED}. */
    public static final String CHANNEL = "transactions-validated";

    private final Emitter<EventEnvelope<ValidatedTransaction>> emitter;

    ValidatedPublisher(@Channel(CHANNEL) Emitter<EventEnvelope<ValidatedTransaction>> emitter) {
        this.emitter = emitter;
    }

    /** Sends and completes when the broker has acknowledged. */
    public CompletableFuture<Void> publish(ValidatedTransaction transaction) {
        EventEnvelope<ValidatedTransaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED,
                Services.INGESTION, transaction, Instant.now());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<EventEnvelope<ValidatedTransaction>> message = Message.of(envelope)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(transaction.transaction().customer().pseudonym()).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return acked;
    }
}
