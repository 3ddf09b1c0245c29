package io.openfraud.governance.audit.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Writes an audit entry for every decision on {@code transactions.scored}, a poll at a time (one append of the whole
 * batch to the trail, in record order); unreadable records are dead-lettered. The batch is acknowledged only after its
 * entries are stored and its dead letters sent, so a failure redelivers it (entries already stored are recognised by
 * their event id and not written twice).
 */
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
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<AuditTrail.Decision> decisions = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                EventEnvelope<ScoredTransaction> event = codec.decode(record.getPayload());
                decisions.add(new AuditTrail.Decision(event.eventId(), event.payload()));
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_SCORED_NAME,
                        violation.reasonCode());
                pending.add(DeadLetters.send(deadLetters, record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
            }
        }
        trail.recordDecisions(decisions);
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }
}
