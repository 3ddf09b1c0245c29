package io.openfraud.scoring.messaging;

import io.openfraud.events.ContractViolation;
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
import io.openfraud.scoring.rules.RulesVerdicts;
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
 * as scored without being scored again. Unreadable records go to {@code transactions.enriched.dlq}.
 */
@ApplicationScoped
public class EnrichedConsumer {

    private static final Logger LOG = Logger.getLogger(EnrichedConsumer.class);

    private final EventCodec<EnrichedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private final RulesVerdicts scorer;
    private final Emitter<EventEnvelope<ScoredTransaction>> scored;
    private final Emitter<EventEnvelope<FraudAlert>> alerts;
    private final Emitter<byte[]> deadLetters;

    EnrichedConsumer(RulesVerdicts scorer,
            @Channel("transactions-scored") Emitter<EventEnvelope<ScoredTransaction>> scored,
            @Channel("alerts-fraud") Emitter<EventEnvelope<FraudAlert>> alerts,
            @Channel("transactions-enriched-dlq") Emitter<byte[]> deadLetters) {
        this.scorer = scorer;
        this.scored = scored;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
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
                : scorer.score(enriched.features(), enriched.featureSetVersion(), List.of());
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
