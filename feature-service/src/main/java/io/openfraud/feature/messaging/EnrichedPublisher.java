package io.openfraud.feature.messaging;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.messaging.KeyedSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes feature vectors on {@code transactions.enriched}, keyed by customer pseudonym. */
@ApplicationScoped
public class EnrichedPublisher {

    static final String CHANNEL = "transactions-enriched";

    private final Emitter<EventEnvelope<EnrichedTransaction>> emitter;

    EnrichedPublisher(@Channel(CHANNEL) Emitter<EventEnvelope<EnrichedTransaction>> emitter) {
        this.emitter = emitter;
    }

    public CompletableFuture<Void> publish(EnrichedTransaction enriched) {
        return KeyedSend.event(emitter, Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched.customerPseudonym(),
                enriched);
    }
}
