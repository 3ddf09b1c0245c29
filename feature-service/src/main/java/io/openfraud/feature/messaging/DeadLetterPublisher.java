package io.openfraud.feature.messaging;

import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.messaging.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends records this service cannot read to {@code transactions.validated.dlq}, with the reason. A whole poll may be
 * unreadable, so the buffer holds as many records as {@link EnrichedPublisher}'s.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String CHANNEL = "transactions-validated-dlq";

    private final Emitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = EnrichedPublisher.BUFFER) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(Message<byte[]> original, ReasonCode code, String reason) {
        return DeadLetters.send(emitter, original, code, reason);
    }
}
