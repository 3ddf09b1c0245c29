package io.openfraud.ingestion.review.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.ingestion.review.service.ReviewService;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads human reviews from {@code decisions.reviewed} and stores them beside the decision of record; unreadable
 * records are dead-lettered to {@code decisions.reviewed.dlq}. Idempotent: a redelivered event (same event id) is
 * stored once.
 */
@ApplicationScoped
public class ReviewedConsumer {

    /** The incoming channel. */
    public static final String CHANNEL = "decisions-reviewed";
    /** Its dead-letter emitter's channel. */
    public static final String DLQ_CHANNEL = "decisions-reviewed-dlq";

    private static final Logger LOG = Logger.getLogger(ReviewedConsumer.class);

    private final EventCodec<ReviewedDecision> codec = new EventCodec<>(Topics.DECISIONS_REVIEWED);
    private final ReviewService reviews;
    private final Emitter<byte[]> deadLetters;

    ReviewedConsumer(ReviewService reviews, @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.reviews = reviews;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope<ReviewedDecision> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (ContractViolation violation) {
            return deadLetter(message, violation.reasonCode(), violation.getMessage());
        }
        // The codec binds the record; the schema also holds the reviewer to a pseudonym (never a name or an e-mail)
        // and the event id to a UUID, which this consumer stores.
        List<SchemaViolation> violations = SchemaValidator.shared().validate(Topics.DECISIONS_REVIEWED,
                message.getPayload());
        if (!violations.isEmpty()) {
            return deadLetter(message, ReasonCode.SCHEMA_VIOLATION, "schema violations at "
                    + violations.stream().map(SchemaViolation::path).distinct().toList());
        }
        reviews.record(UUID.fromString(event.eventId()), event.payload());
        return message.ack();
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, ReasonCode code, String reason) {
        LOG.warnf("dead-lettering a record on %s: %s", Topics.DECISIONS_REVIEWED_NAME, code);
        return DeadLetters.send(deadLetters, message, code, reason).thenCompose(ignored -> message.ack());
    }
}
