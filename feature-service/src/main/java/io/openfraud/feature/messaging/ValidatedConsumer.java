package io.openfraud.feature.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.feature.service.FeatureService;
import io.openfraud.features.FeatureSet;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * For each validated transaction: the vector from its entities' state before it, published on
 * {@code transactions.enriched}, then the transaction folded into the state, once per transactionId (a redelivery, a
 * duplicate or a SYNC copy is neither published nor folded again). Records come in batches (one poll): one pipelined
 * read, the vectors in order with the batch's own folds carried over, one wait for all acknowledgements, one pipelined
 * commit. While Redis is down the step waits and retries, so the stream pauses and resumes with nothing lost or
 * counted twice. Records are read as bytes and decoded here, so an unreadable one goes to the dead-letter topic with its reason instead of failing the consumer.
 */
@ApplicationScoped
public class ValidatedConsumer {

    private static final Logger LOG = Logger.getLogger(ValidatedConsumer.class);
    static final String CHANNEL = "transactions-validated";

    private final EventCodec<ValidatedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
    private final FeatureService features;
    private final EnrichedPublisher enriched;
    private final DeadLetterPublisher deadLetters;

    ValidatedConsumer(FeatureService features, EnrichedPublisher enriched, DeadLetterPublisher deadLetters) {
        this.features = features;
        this.enriched = enriched;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        Map<String, ValidatedTransaction> byId = new HashMap<>();
        List<MaskedTransaction> transactions = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                ValidatedTransaction validated = codec.decode(record.getPayload()).payload();
                byId.putIfAbsent(validated.transaction().transactionId(), validated);
                transactions.add(validated.transaction());
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_VALIDATED_NAME,
                        violation.reasonCode());
                pending.add(deadLetters.send(record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
            }
        }
        List<FeatureService.Prepared> prepared = features.prepare(transactions);
        for (FeatureService.Prepared p : prepared) {
            MaskedTransaction t = p.transaction();
            ValidatedTransaction validated = byId.get(t.transactionId());
            pending.add(enriched.publish(new EnrichedTransaction(t.transactionId(), t.customer().pseudonym(),
                    t.timestamp(), validated.path(), validated.verdict(), FeatureSet.VERSION, p.features())));
        }
        // Every vector (and dead letter) acknowledged by the broker before the folds: a crash in between republishes
        // the same vectors on redelivery rather than losing them.
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        features.commit(prepared);
        return batch.ack();
    }
}
