package io.openfraud.feature.messaging;

import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.messaging.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends records this service cannot read to {@code transactions.validated.dlq}, with the reason. */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String CHANNEL = "transactions-validated-dlq";

    private final Emitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(Message<byte[]> original, ReasonCode code, String reason) {
        return DeadLetters.send(emitter, original, code, reason);
    }
}
