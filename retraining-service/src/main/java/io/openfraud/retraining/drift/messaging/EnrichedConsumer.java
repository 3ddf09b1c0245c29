package io.openfraud.retraining.drift.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.retraining.drift.service.DriftAccumulator;
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
 * Reads feature vectors from {@code transactions.enriched} in batches and counts them into the production
 * histograms; unreadable records go to {@code transactions.enriched.dlq} with their reason code.
 */
@ApplicationScoped
public class EnrichedConsumer {

    /** The incoming channel. */
    public static final String CHANNEL = "transactions-enriched";
    /** Its dead-letter emitter's channel. */
    public static final String DLQ_CHANNEL = "transactions-enriched-dlq";

    private static final Logger LOG = Logger.getLogger(EnrichedConsumer.class);

    private final EventCodec<EnrichedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private final DriftAccumulator accumulator;
    private final Emitter<byte[]> deadLetters;

    EnrichedConsumer(DriftAccumulator accumulator, @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.accumulator = accumulator;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<EnrichedTransaction> vectors = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                vectors.add(codec.decode(record.getPayload()).payload());
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_ENRICHED_NAME,
                        violation.reasonCode());
                pending.add(DeadLetters.send(deadLetters, record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
            }
        }
        accumulator.addVectors(vectors);
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }
}
