package io.openfraud.feature.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.feature.state.CustomerStateStore;
import io.openfraud.feature.vector.FeatureVectors;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * For each validated transaction: the vector from the customer's state before it, published on
 * {@code transactions.enriched}, then the transaction folded into the state, once. Records are read as bytes and
 * decoded here, so an unreadable one goes to the dead-letter topic with its reason instead of failing the consumer.
 */
@ApplicationScoped
public class ValidatedConsumer {

    private static final Logger LOG = Logger.getLogger(ValidatedConsumer.class);
    static final String CHANNEL = "transactions-validated";

    private final EventCodec<ValidatedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
    private final CustomerStateStore state;
    private final EnrichedPublisher enriched;
    private final DeadLetterPublisher deadLetters;

    ValidatedConsumer(CustomerStateStore state, EnrichedPublisher enriched, DeadLetterPublisher deadLetters) {
        this.state = state;
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
        if (!state.folded(t.transactionId())) {
            var vector = FeatureVectors.compute(t, state.load(t.customer().pseudonym()));
            enriched.publish(new EnrichedTransaction(t.transactionId(), t.customer().pseudonym(), t.timestamp(),
                    validated.path(), validated.verdict(), FeatureVectors.VERSION, vector)).join();
            state.foldOnce(t);
        }
        return message.ack();
    }
}
