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
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes feature vectors on {@code transactions.enriched}, keyed by customer pseudonym.
 *
 * <p>The stream sends a whole poll's vectors before waiting for their acknowledgements, from each copy of the channel
 * at once ({@code concurrency} x {@code max.poll.records} records in flight). The emitter's buffer must hold them
 * all: with SmallRye's default (128, on top of the Kafka sink's 1,024 in flight) a burst overflowed on an idle machine
 * ("Insufficient downstream requests to emit item") and whole batches went to the dead-letter topic.
 * {@code EmitterCapacityTest} keeps {@link #BUFFER} above the configured maximum.
 */
@ApplicationScoped
public class EnrichedPublisher {

    static final String CHANNEL = "transactions-enriched";
    /** Records the emitter holds while the sink waits for the broker: above concurrency x max.poll.records. */
    public static final int BUFFER = 8192;

    private final Emitter<EventEnvelope<EnrichedTransaction>> emitter;

    EnrichedPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<EventEnvelope<EnrichedTransaction>> emitter) {
        this.emitter = emitter;
    }

    public CompletableFuture<Void> publish(EnrichedTransaction enriched) {
        return KeyedSend.event(emitter, Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched.customerPseudonym(),
                enriched);
    }
}
