package io.openfraud.retraining.drift.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.retraining.drift.service.DriftAccumulator;
import io.openfraud.retraining.performance.OutcomeStore;
import io.openfraud.retraining.performance.PerformanceGauges;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads verdicts from {@code transactions.scored} in batches: their scores feed the prediction-drift histograms, and
 * the verdicts are stored (once per transaction and model version) to be joined with labels when those mature.
 * Unreadable records go to {@code transactions.scored.dlq} with their reason code.
 */
@ApplicationScoped
public class ScoredConsumer {

    /** The incoming channel. */
    public static final String CHANNEL = "transactions-scored";
    /** Its dead-letter emitter's channel. */
    public static final String DLQ_CHANNEL = "transactions-scored-dlq";

    private static final Logger LOG = Logger.getLogger(ScoredConsumer.class);

    private final EventCodec<ScoredTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private final DriftAccumulator accumulator;
    private final OutcomeStore outcomes;
    private final PerformanceGauges gauges;
    private final Emitter<byte[]> deadLetters;

    ScoredConsumer(DriftAccumulator accumulator, OutcomeStore outcomes, PerformanceGauges gauges,
            @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.accumulator = accumulator;
        this.outcomes = outcomes;
        this.gauges = gauges;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<ScoredTransaction> verdicts = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                ScoredTransaction scored = codec.decode(record.getPayload()).payload();
                if (scored.verdict() == null || scored.verdict().modelVersion() == null
                        || scored.customerPseudonym() == null || scored.timestamp() == null) {
                    throw new ContractViolation(io.openfraud.events.DeadLetters.ReasonCode.SCHEMA_VIOLATION,
                            "a verdict with its model version, customer and timestamp is required");
                }
                verdicts.add(scored);
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_SCORED_NAME,
                        violation.reasonCode());
                pending.add(DeadLetters.send(deadLetters, record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
            }
        }
        outcomes.insertAll(verdicts);
        List<Map.Entry<Instant, Double>> scores = new ArrayList<>(verdicts.size());
        for (ScoredTransaction s : verdicts) {
            scores.add(Map.entry(s.timestamp(), s.verdict().score()));
            gauges.track(s.verdict().modelVersion());
        }
        accumulator.addScores(scores);
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }
}
