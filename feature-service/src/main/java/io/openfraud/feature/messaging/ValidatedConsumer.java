package io.openfraud.feature.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.feature.service.FeatureService;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * For each validated transaction: the vector from its entities' state before it, published on
 * {@code transactions.enriched}, then the transaction folded into the state, once per transactionId (a redelivery, a
 * duplicate or a SYNC copy is neither published nor folded again). While Redis is down the step waits and retries, so
 * the stream pauses and resumes with nothing lost or counted twice. Records are read as bytes and
 * decoded here, so an unreadable one goes to the dead-letter topic with its reason instead of failing the consumer.
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
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope<ValidatedTransaction> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_VALIDATED_NAME,
                    violation.reasonCode());
            return deadLetters.send(message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        ValidatedTransaction validated = event.payload();
        MaskedTransaction t = validated.transaction();
        Optional<Snapshot> before = features.before(t);
        if (before.isPresent()) {
            var vector = FeatureSet.asMap(OnlineFeatures.vector(t, before.get()));
            // Published (and acknowledged by the broker) before the fold: a crash in between republishes the same
            // vector on redelivery rather than losing it.
            enriched.publish(new EnrichedTransaction(t.transactionId(), t.customer().pseudonym(), t.timestamp(),
                    validated.path(), validated.verdict(), FeatureSet.VERSION, vector)).join();
            features.fold(t, before.get());
        }
        return message.ack();
    }
}
