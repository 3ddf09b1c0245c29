package io.openfraud.ingestion.decision.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.ingestion.decision.service.DecisionRecorder;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Reads verdicts from {@code transactions.scored} and records them; unreadable records are dead-lettered. */
@ApplicationScoped
public class ScoredConsumer {

    private static final Logger LOG = Logger.getLogger(ScoredConsumer.class);

    private final EventCodec<ScoredTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private final DecisionRecorder recorder;
    private final Emitter<byte[]> deadLetters;

    ScoredConsumer(DecisionRecorder recorder, @Channel("transactions-scored-dlq") Emitter<byte[]> deadLetters) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
    }

    @Incoming("transactions-scored")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        ScoredTransaction scored;
        try {
            scored = codec.decode(message.getPayload()).payload();
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_SCORED_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        recorder.record(scored);
        return message.ack();
    }
}
