package io.openfraud.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventArbitraries;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

class KafkaSerdeTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");

    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    @Property(tries = 100)
    void everyTopicRoundTripsThroughKafkaSerdes(@ForAll("anyTopicEnvelope") EventEnvelope<?> envelope) {
        Topic<?> topic = Topics.ALL.stream().filter(t -> t.eventType().equals(envelope.type())).findFirst()
                .orElseThrow();
        byte[] bytes = serializer.serialize(topic.name(), new RecordHeaders(), envelope);
        assertThat(SchemaValidator.shared().validate(topic, bytes)).isEmpty();
        assertThat(deserializer.deserialize(topic.name(), new RecordHeaders(), bytes)).isEqualTo(envelope);
    }

    @Provide
    Arbitrary<EventEnvelope<?>> anyTopicEnvelope() {
        return Arbitraries.of(Topics.ALL).flatMap(EventArbitraries::envelopes).map(e -> (EventEnvelope<?>) e);
    }

    @Example
    void worksThroughTheKafkaInterfacesAsConfiguredByName() throws Exception {
        @SuppressWarnings("unchecked")
        Serializer<EventEnvelope<?>> byName = (Serializer<EventEnvelope<?>>) Class
                .forName(EventSerializer.class.getName()).getDeclaredConstructor().newInstance();
        @SuppressWarnings("unchecked")
        Deserializer<EventEnvelope<?>> deByName = (Deserializer<EventEnvelope<?>>) Class
                .forName(EventDeserializer.class.getName()).getDeclaredConstructor().newInstance();
        byName.configure(Map.of(), false);
        deByName.configure(Map.of(), false);
        EventEnvelope<LabelFeedback> label = EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.INGESTION,
                new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.IMPORT, NOW), NOW);
        byte[] bytes = byName.serialize(Topics.LABELS_FEEDBACK_NAME, label);
        assertThat(deByName.deserialize(Topics.LABELS_FEEDBACK_NAME, bytes)).isEqualTo(label);
        byName.close();
        deByName.close();
    }

    @Example
    void nullIsSerialisedAsNull() {
        assertThat(serializer.serialize(Topics.LABELS_FEEDBACK_NAME, null)).isNull();
    }

    @Example
    void undeclaredTopicsAreRefused() {
        EventEnvelope<LabelFeedback> label = EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.INGESTION,
                new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.IMPORT, NOW), NOW);
        assertThatThrownBy(() -> serializer.serialize("labels.other", label))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels.other");
        // transactions.rejected has no consumer, so no dead-letter topic
        assertThatThrownBy(() -> serializer.serialize(Topics.TRANSACTIONS_REJECTED.name() + ".dlq", label))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deserializer.deserialize("nope", new byte[] {'{', '}'}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void deadLetterTopicsUseTheirSourceTopicsCodec() {
        // SmallRye's dead-letter-queue strategy mirrors EventDeserializer into EventSerializer for <topic>.dlq
        EventEnvelope<LabelFeedback> label = EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.INGESTION,
                new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.IMPORT, NOW), NOW);
        for (String dlq : Topics.deadLetterTopics()) {
            assertThat(EventSerializer.codecFor(dlq).topic().dlqName()).isEqualTo(dlq);
        }
        byte[] parked = serializer.serialize(Topics.LABELS_FEEDBACK.dlqName(), label);
        assertThat(deserializer.deserialize(Topics.LABELS_FEEDBACK.dlqName(), parked)).isEqualTo(label);
        assertThatThrownBy(() -> serializer.serialize(Topics.GDPR_EVENTS.dlqName(), label))
                .isInstanceOfSatisfying(ContractViolation.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.WRONG_EVENT_TYPE));
    }

    @Example
    void anEventOnTheWrongTopicIsRefusedWhenProduced() {
        EventEnvelope<LabelFeedback> label = EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.INGESTION,
                new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.IMPORT, NOW), NOW);
        assertThatThrownBy(() -> serializer.serialize(Topics.DECISIONS_REVIEWED_NAME, label))
                .isInstanceOfSatisfying(ContractViolation.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.WRONG_EVENT_TYPE));
    }

    @Example
    void poisonPillsBecomeContractViolationsWithAReasonCode() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.GDPR_COMMANDS_NAME,
                "{oops".getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(ContractViolation.class,
                e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNPARSEABLE));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.GDPR_COMMANDS_NAME, null))
                .isInstanceOfSatisfying(ContractViolation.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.UNPARSEABLE));
        byte[] scored = serializer.serialize(Topics.LABELS_FEEDBACK_NAME, EventEnvelope.of(Topics.LABELS_FEEDBACK,
                Services.INGESTION, new LabelFeedback("tx-1", LabelValue.FRAUD, LabelSource.IMPORT, NOW), NOW));
        assertThatThrownBy(() -> deserializer.deserialize(Topics.GDPR_COMMANDS_NAME, scored))
                .isInstanceOfSatisfying(ContractViolation.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.WRONG_EVENT_TYPE));
    }
}
