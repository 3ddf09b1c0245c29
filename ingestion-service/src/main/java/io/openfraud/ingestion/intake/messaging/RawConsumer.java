package io.openfraud.ingestion.intake.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.ingestion.intake.service.BulkIntake;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code transactions.raw}, the inbound topic of payment systems in the cardholder-data zone. An envelope that
 * cannot be read goes to {@code transactions.raw.dlq} with card-number-like digit runs blanked (the raw topic is the
 * one that holds PANs); a readable envelope's payload goes through the quality gate like any other record: admitted
 * ones are stored and published, rejected ones quarantined and published on {@code transactions.rejected}.
 */
@ApplicationScoped
public class RawConsumer {

    private static final Logger LOG = Logger.getLogger(RawConsumer.class);

    private final BulkIntake bulk;
    private final ObjectReader reader;
    private final Emitter<byte[]> deadLetters;

    RawConsumer(BulkIntake bulk, ObjectMapper mapper, @Channel("transactions-raw-dlq") Emitter<byte[]> deadLetters) {
        this.bulk = bulk;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.deadLetters = deadLetters;
    }

    @Incoming("transactions-raw")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        JsonNode envelope;
        try {
            envelope = message.getPayload() == null ? null : reader.readTree(message.getPayload());
        } catch (IOException e) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject()) {
            return deadLetter(message, ReasonCode.UNPARSEABLE, "not one JSON object");
        }
        if (!Topics.TRANSACTIONS_RAW.eventType().equals(envelope.path("type").asText())) {
            return deadLetter(message, ReasonCode.WRONG_EVENT_TYPE, "type is not "
                    + Topics.TRANSACTIONS_RAW.eventType());
        }
        int version = envelope.path("schemaVersion").asInt(0);
        if (version < 1 || version > Topics.TRANSACTIONS_RAW.schemaVersion()) {
            return deadLetter(message, ReasonCode.UNSUPPORTED_SCHEMA_VERSION, "schemaVersion must be 1 to "
                    + Topics.TRANSACTIONS_RAW.schemaVersion());
        }
        if (!envelope.path("payload").isObject()) {
            return deadLetter(message, ReasonCode.SCHEMA_VIOLATION, "payload is not an object");
        }
        bulk.process(List.of(new BulkIntake.Item(envelope.get("payload"), null, source(message))),
                IntakeChannel.KAFKA);
        return message.ack();
    }

    private static Source source(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> new Source(Source.Kind.KAFKA, m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()))
                .orElse(new Source(Source.Kind.KAFKA, null));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, ReasonCode code, String reason) {
        LOG.warnf("dead-lettering a record on %s: %s", Topics.TRANSACTIONS_RAW_NAME, code);
        byte[] payload = message.getPayload() == null ? new byte[0] : message.getPayload();
        byte[] scrubbed = scrub(payload);
        return DeadLetters.send(deadLetters, message, scrubbed, code, reason).thenCompose(ignored -> message.ack());
    }

    /** The record with every card-number-like run of digits blanked (as UTF-8 text; other bytes kept). */
    static byte[] scrub(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return MaskingService.blankCardNumbers(text).getBytes(StandardCharsets.UTF_8);
    }
}
