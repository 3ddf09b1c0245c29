package io.openfraud.ingestion.intake.messaging;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.messaging.KeyedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

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
        return KeyedSend.event(emitter, Topics.TRANSACTIONS_VALIDATED, Services.INGESTION,
                transaction.transaction().customer().pseudonym(), transaction);
    }
}
