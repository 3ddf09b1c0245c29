package io.openfraud.scoring.messaging;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.openfraud.scoring.config.StreamConfig;
import io.openfraud.scoring.model.ModelVerdicts;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Scores the stream in micro-batches (one Kafka poll, bounded by {@link StreamConfig}; one model call per batch):
 * each enriched transaction becomes a verdict on {@code transactions.scored}, and REVIEW or
 * DECLINE also an alert on {@code alerts.fraud}. A SYNC transaction already carries its decision and is published
 * as scored without being scored again. Unreadable records go to {@code transactions.enriched.dlq}. A REVIEW decision
 * (scored here, or a SYNC verdict passed through) opens an analyst case first ({@link AlertQueue}, one per
 * transaction, so a redelivery or the SYNC copy of a REST decision opens none); if the case store fails, the record is
 * dead-lettered ({@code PROCESSING_FAILED}) before anything is published, so replaying it is clean.
 */
@ApplicationScoped
public class EnrichedConsumer {

    private static final Logger LOG = Logger.getLogger(EnrichedConsumer.class);

    /**
     * Records each emitter buffers: a whole batch is sent before its acknowledgements are awaited, so a batch larger
     * than SmallRye's default buffer (128) would overflow it and dead-letter valid transactions. {@link StreamBatching}
     * refuses a {@code max-batch} above this at start.
     */
    public static final int BUFFER = 4096;

    private final EventCodec<EnrichedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private final ModelVerdicts scorer;
    private final Emitter<EventEnvelope<ScoredTransaction>> scored;
    private final Emitter<EventEnvelope<FraudAlert>> alerts;
    private final Emitter<byte[]> deadLetters;
    private final AlertQueue queue;
    private final int maxBatch;
    private final DistributionSummary batchSizes;

    EnrichedConsumer(ModelVerdicts scorer, AlertQueue queue, StreamConfig stream, MeterRegistry meters,
            @Channel("transactions-scored") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<EventEnvelope<ScoredTransaction>> scored,
            @Channel("alerts-fraud") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<EventEnvelope<FraudAlert>> alerts,
            @Channel("transactions-enriched-dlq") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<byte[]> deadLetters) {
        this.scorer = scorer;
        this.scored = scored;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.queue = queue;
        this.maxBatch = stream.maxBatch();
        this.batchSizes = DistributionSummary.builder("openfraud.scoring.stream.batch.size")
                .description("Records per micro-batch of transactions.enriched").register(meters);
    }

    /**
     * One poll's records (at most {@code openfraud.scoring.stream.max-batch}): unreadable ones to the DLQ with their
     * reason, SYNC verdicts passed through, the rest scored in one model call; the batch's offsets are committed
     * (ack) only once every record's verdict, alert and dead letter is acknowledged by the broker.
     */
    @Incoming("transactions-enriched")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        batchSizes.record(records.size());
        List<CompletableFuture<Void>> published = new ArrayList<>(records.size() * 2);
        EnrichedTransaction[] enriched = new EnrichedTransaction[records.size()];
        Verdict[] verdicts = new Verdict[records.size()];
        List<Integer> toScore = new ArrayList<>();
        for (int i = 0; i < enriched.length; i++) {
            KafkaRecord<String, byte[]> record = records.get(i);
            try {
                enriched[i] = codec.decode(record.getPayload()).payload();
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_ENRICHED_NAME,
                        violation.reasonCode());
                published.add(DeadLetters.send(deadLetters, record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
                continue;
            }
            if (enriched[i].verdict() != null) {
                verdicts[i] = enriched[i].verdict(); // SYNC: decided on the authorisation path, never scored twice
            } else {
                toScore.add(i);
            }
        }
        for (int from = 0; from < toScore.size(); from += maxBatch) {
            List<Integer> chunk = toScore.subList(from, Math.min(toScore.size(), from + maxBatch));
            List<ModelVerdicts.Row> rows = chunk.stream()
                    .map(i -> new ModelVerdicts.Row(enriched[i].features(), enriched[i].featureSetVersion())).toList();
            List<Verdict> scored = scorer.scoreBatch(rows, ModelVerdicts.Path.STREAM);
            for (int k = 0; k < chunk.size(); k++) {
                verdicts[chunk.get(k)] = scored.get(k);
            }
        }
        Instant now = Instant.now();
        for (int i = 0; i < enriched.length; i++) {
            if (enriched[i] == null) {
                continue;
            }
            try {
                queue.onDecision(enriched[i].transactionId(), enriched[i].customerPseudonym(), verdicts[i]);
            } catch (RuntimeException e) {
                LOG.warnf("dead-lettering a record on %s: the analyst case could not be opened (%s)",
                        Topics.TRANSACTIONS_ENRICHED_NAME, e.getClass().getSimpleName());
                published.add(DeadLetters.send(deadLetters, records.get(i), ReasonCode.PROCESSING_FAILED,
                        "the analyst case could not be opened").toCompletableFuture());
                continue;
            }
            published.add(publish(enriched[i], verdicts[i], now));
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }

    private CompletableFuture<Void> publish(EnrichedTransaction enriched, Verdict verdict, Instant now) {
        CompletableFuture<Void> published = KeyedSend.event(scored, Topics.TRANSACTIONS_SCORED, Services.SCORING,
                enriched.customerPseudonym(), new ScoredTransaction(enriched.transactionId(),
                        enriched.customerPseudonym(), enriched.timestamp(), enriched.path(), verdict, now));
        if (verdict.decision() == Decision.APPROVE) {
            return published;
        }
        return published.thenCombine(KeyedSend.event(alerts, Topics.ALERTS_FRAUD, Services.SCORING,
                enriched.customerPseudonym(), new FraudAlert(UUID.randomUUID().toString(), enriched.transactionId(),
                        enriched.customerPseudonym(), enriched.timestamp(), verdict, now)), (a, b) -> null);
    }
}
