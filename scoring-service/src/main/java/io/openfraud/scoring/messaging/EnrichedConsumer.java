package io.openfraud.scoring.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.messaging.KeyedSend;
import io.openfraud.scoring.alerts.AlertQueue;
import io.openfraud.scoring.model.ModelVerdicts;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Scores the stream: each enriched transaction becomes a verdict on {@code transactions.scored}, and REVIEW or
 * DECLINE also an alert on {@code alerts.fraud}. A SYNC transaction already carries its decision and is published
 * as scored without being scored again. Unreadable records go to {@code transactions.enriched.dlq}. A REVIEW decision
 * (scored here, or a SYNC verdict passed through) opens an analyst case first ({@link AlertQueue}, one per
 * transaction, so a redelivery or the SYNC copy of a REST decision opens none); if the case store fails, the record is
 * dead-lettered ({@code PROCESSING_FAILED}) before anything is published, so replaying it is clean.
 */
@ApplicationScoped
public class EnrichedConsumer {

    private static final Logger LOG = Logger.getLogger(EnrichedConsumer.class);

    private final EventCodec<EnrichedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private final ModelVerdicts scorer;
    private final Emitter<EventEnvelope<ScoredTransaction>> scored;
    private final Emitter<EventEnvelope<FraudAlert>> alerts;
    private final Emitter<byte[]> deadLetters;
    private final AlertQueue queue;

    EnrichedConsumer(ModelVerdicts scorer, AlertQueue queue,
            @Channel("transactions-scored") Emitter<EventEnvelope<ScoredTransaction>> scored,
            @Channel("alerts-fraud") Emitter<EventEnvelope<FraudAlert>> alerts,
            @Channel("transactions-enriched-dlq") Emitter<byte[]> deadLetters) {
        this.scorer = scorer;
        this.scored = scored;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.queue = queue;
    }

    @Incoming("transactions-enriched")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EnrichedTransaction enriched;
        try {
            enriched = codec.decode(message.getPayload()).payload();
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_ENRICHED_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        Verdict verdict = enriched.verdict() != null ? enriched.verdict()
                : scorer.score(enriched.features(), enriched.featureSetVersion(), List.of(),
                        ModelVerdicts.Path.STREAM);
        try {
            queue.onDecision(enriched.transactionId(), enriched.customerPseudonym(), verdict);
        } catch (RuntimeException e) {
            LOG.warnf("dead-lettering a record on %s: the analyst case could not be opened (%s)",
                    Topics.TRANSACTIONS_ENRICHED_NAME, e.getClass().getSimpleName());
            return DeadLetters.send(deadLetters, message, ReasonCode.PROCESSING_FAILED,
                    "the analyst case could not be opened").thenCompose(ignored -> message.ack());
        }
        Instant now = Instant.now();
        CompletableFuture<Void> published = KeyedSend.event(scored, Topics.TRANSACTIONS_SCORED, Services.SCORING,
                enriched.customerPseudonym(), new ScoredTransaction(enriched.transactionId(),
                        enriched.customerPseudonym(), enriched.timestamp(), enriched.path(), verdict, now));
        if (verdict.decision() != Decision.APPROVE) {
            published = published.thenCompose(ignored -> KeyedSend.event(alerts, Topics.ALERTS_FRAUD,
                    Services.SCORING, enriched.customerPseudonym(), new FraudAlert(UUID.randomUUID().toString(),
                            enriched.transactionId(), enriched.customerPseudonym(), enriched.timestamp(), verdict,
                            now)));
        }
        published.join();
        return message.ack();
    }
}
