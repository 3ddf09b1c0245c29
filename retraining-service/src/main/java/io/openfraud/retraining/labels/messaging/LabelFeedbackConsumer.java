package io.openfraud.retraining.labels.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.retraining.labels.persistence.LabelRow;
import io.openfraud.retraining.labels.service.LabelService;
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
 * Reads {@code labels.feedback} in batches (one poll): every readable label is stored in one transaction, keyed by its
 * event id so a redelivery stores nothing; a record that breaks the contract goes to {@code labels.feedback.dlq} with
 * its reason code, and the rest of the batch is still stored. Values are read as bytes and decoded here.
 */
@ApplicationScoped
public class LabelFeedbackConsumer {

    /** The incoming channel. */
    public static final String CHANNEL = "labels-feedback";
    /** Its dead-letter emitter's channel. */
    public static final String DLQ_CHANNEL = "labels-feedback-dlq";

    private static final Logger LOG = Logger.getLogger(LabelFeedbackConsumer.class);

    private final EventCodec<LabelFeedback> codec = new EventCodec<>(Topics.LABELS_FEEDBACK);
    private final LabelService labels;
    private final Emitter<byte[]> deadLetters;

    LabelFeedbackConsumer(LabelService labels, @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.labels = labels;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<LabelRow> rows = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            try {
                EventEnvelope<LabelFeedback> event = codec.decode(record.getPayload());
                // The codec binds the record; the schema also holds the ids to the contract's identifier and UUID
                // shapes and requires every field.
                List<SchemaViolation> violations = SchemaValidator.shared().validate(Topics.LABELS_FEEDBACK,
                        record.getPayload());
                if (!violations.isEmpty()) {
                    throw new ContractViolation(ReasonCode.SCHEMA_VIOLATION, "schema violations at "
                            + violations.stream().map(SchemaViolation::path).distinct().toList());
                }
                LabelFeedback f = event.payload();
                rows.add(new LabelRow(event.eventId(), f.transactionId(), f.label(), f.source(), f.observedAt(), null,
                        LabelRow.Channel.KAFKA));
            } catch (ContractViolation violation) {
                LOG.warnf("dead-lettering a record on %s: %s", Topics.LABELS_FEEDBACK_NAME, violation.reasonCode());
                pending.add(DeadLetters.send(deadLetters, record, violation.reasonCode(), violation.getMessage())
                        .toCompletableFuture());
            }
        }
        labels.recordAll(rows);
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return batch.ack();
    }
}
