package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What a consumer's decoder does with records that break the contract: the dead-letter reason code. */
class EventCodecTest {

    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");
    private static final EventCodec<LabelFeedback> LABELS = new EventCodec<>(Topics.LABELS_FEEDBACK);
    private static final EventCodec<Transaction> RAW = new EventCodec<>(Topics.TRANSACTIONS_RAW);

    private static ObjectNode label() throws Exception {
        return (ObjectNode) MAPPER.readTree(LABELS.encode(EventEnvelope.of(Topics.LABELS_FEEDBACK,
                Services.GOVERNANCE, new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.ANALYST, NOW), NOW)));
    }

    private static void assertReason(ThrowingCallable decode, ReasonCode code) {
        assertThatThrownBy(decode).isInstanceOfSatisfying(ContractViolation.class,
                e -> assertThat(e.reasonCode()).isEqualTo(code));
    }

    private static byte[] bytes(Object tree) throws Exception {
        return MAPPER.writeValueAsBytes(tree);
    }

    @Test
    void nonJsonIsUnparseable() {
        assertReason(() -> LABELS.decode("not json".getBytes(StandardCharsets.UTF_8)), ReasonCode.UNPARSEABLE);
        assertReason(() -> LABELS.decode(new byte[0]), ReasonCode.UNPARSEABLE);
        assertReason(() -> LABELS.decode(null), ReasonCode.UNPARSEABLE);
        assertReason(() -> LABELS.decode("[1,2]".getBytes(StandardCharsets.UTF_8)), ReasonCode.UNPARSEABLE);
        assertReason(() -> LABELS.decode("\"x\"".getBytes(StandardCharsets.UTF_8)), ReasonCode.UNPARSEABLE);
    }

    @Test
    void wrongEventTypeIsRefusedBothWays() throws Exception {
        assertReason(() -> LABELS.decode(bytes(label().put("type", "decision.reviewed"))), ReasonCode.WRONG_EVENT_TYPE);
        ObjectNode untyped = label();
        untyped.remove("type");
        assertReason(() -> LABELS.decode(bytes(untyped)), ReasonCode.WRONG_EVENT_TYPE);
        EventEnvelope<LabelFeedback> foreign = new EventEnvelope<>("e-1", "label.other", 1, NOW, Services.SCORING,
                new LabelFeedback("tx-1", LabelValue.LEGIT, LabelSource.REVIEW, NOW));
        assertReason(() -> LABELS.encode(foreign), ReasonCode.WRONG_EVENT_TYPE);
    }

    @Test
    void unsupportedSchemaVersionIsRefused() throws Exception {
        for (int version : new int[] {0, -1, Topics.LABELS_FEEDBACK.schemaVersion() + 1}) {
            assertReason(() -> LABELS.decode(bytes(label().put("schemaVersion", version))),
                    ReasonCode.UNSUPPORTED_SCHEMA_VERSION);
        }
        ObjectNode versionless = label();
        versionless.remove("schemaVersion");
        assertReason(() -> LABELS.decode(bytes(versionless)), ReasonCode.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void wrongEnumIsASchemaViolation() throws Exception {
        ObjectNode event = label();
        ((ObjectNode) event.get("payload")).put("label", "MAYBE");
        assertReason(() -> LABELS.decode(bytes(event)), ReasonCode.SCHEMA_VIOLATION);
        assertThat(SchemaValidator.shared().validate(Topics.LABELS_FEEDBACK, event))
                .extracting(SchemaViolation::path).containsExactly("/payload/label");
    }

    @Test
    void missingEnvelopeFieldIsASchemaViolation() throws Exception {
        for (String field : new String[] {"eventId", "occurredAt", "producer", "payload"}) {
            ObjectNode event = label();
            event.remove(field);
            assertReason(() -> LABELS.decode(bytes(event)), ReasonCode.SCHEMA_VIOLATION);
            assertThat(SchemaValidator.shared().validate(Topics.LABELS_FEEDBACK, event))
                    .extracting(SchemaViolation::path).containsExactly("/" + field);
        }
    }

    @Test
    void missingPayloadFieldIsNamedByTheSchemaValidator() throws Exception {
        // The records do not all refuse nulls, so the codec may decode this; the schema names what is missing.
        ObjectNode event = label();
        ((ObjectNode) event.get("payload")).remove("observedAt");
        assertThat(SchemaValidator.shared().validate(Topics.LABELS_FEEDBACK, event))
                .extracting(SchemaViolation::path, SchemaViolation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/observedAt", "required"));
    }

    @Test
    void wrongTypeOfValueIsASchemaViolation() throws Exception {
        ObjectNode event = label();
        ((ObjectNode) event.get("payload")).put("observedAt", "yesterday");
        assertReason(() -> LABELS.decode(bytes(event)), ReasonCode.SCHEMA_VIOLATION);
    }

    @Test
    void unknownFieldsAreIgnoredByConsumers() throws Exception {
        ObjectNode event = label().put("traceId", "abc");
        ((ObjectNode) event.get("payload")).put("confidence", 0.9);
        assertThat(LABELS.decode(bytes(event)).payload().label()).isEqualTo(LabelValue.FRAUD);
    }

    @Test
    void olderVersionsAreAccepted() throws Exception {
        assertThat(LABELS.decode(bytes(label().put("schemaVersion", 1))).schemaVersion()).isEqualTo(1);
    }

    @Test
    void failuresNeverCarryACardNumber() {
        String[] records = {
            "{\"type\":\"transaction.raw\",\"schemaVersion\":1,\"payload\":{\"card\":{\"pan\":4111111111111111x}}}",
            "{\"type\":\"4111 1111 1111 1111\"}",
            "{\"eventId\":\"e\",\"type\":\"transaction.raw\",\"schemaVersion\":1,\"occurredAt\":\"2024-05-01T10:15:30Z\","
                    + "\"producer\":\"p\",\"payload\":{\"type\":\"4111111111111111\"}}",
            "4111111111111111"};
        for (String record : records) {
            assertThatThrownBy(() -> RAW.decode(record.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ContractViolation.class, e -> {
                        assertThat(e.getMessage()).doesNotContain("4111111111111111").doesNotContain("4111 1111");
                        assertThat(e.getCause()).isNull();
                    });
        }
    }
}
