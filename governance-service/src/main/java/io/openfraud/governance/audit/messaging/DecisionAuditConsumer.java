package io.openfraud.governance.audit.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Writes an audit entry for every decision on {@code transactions.scored}; unreadable records are dead-lettered. */
@ApplicationScoped
public class DecisionAuditConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionAuditConsumer.class);

    private final EventCodec<ScoredTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private final AuditTrail trail;
    private final Emitter<byte[]> deadLetters;

    DecisionAuditConsumer(AuditTrail trail, @Channel("transactions-scored-dlq") Emitter<byte[]> deadLetters) {
        this.trail = trail;
        this.deadLetters = deadLetters;
    }

    @Incoming("transactions-scored")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope<ScoredTransaction> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_SCORED_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        trail.recordDecision(event.eventId(), event.payload());
        return message.ack();
    }
}
