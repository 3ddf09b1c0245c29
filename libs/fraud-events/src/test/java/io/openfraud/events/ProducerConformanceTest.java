package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.io.IOException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Producer side of every topic's contract: what the records serialise to (through {@link EventCodec}, as producers
 * write it) conforms to the topic's schema and decodes back to an equal envelope, through the typed one-pass read
 * and through the tree alike.
 */
class ProducerConformanceTest {

    private static final SchemaValidator VALIDATOR = SchemaValidator.shared();
    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private static <V> void assertConforms(Topic<V> topic, EventEnvelope<V> envelope) {
        EventCodec<V> codec = new EventCodec<>(topic);
        byte[] bytes = codec.encode(envelope);
        assertThat(VALIDATOR.validate(topic, bytes)).as("%s violations", topic).isEmpty();
        assertThat(codec.decode(bytes)).isEqualTo(envelope);
        // the one-pass typed read and the tree path agree on every valid record
        assertThat(codec.decodeThroughTree(bytes)).isEqualTo(envelope);
    }

    @Property
    void transactionsRaw(@ForAll("raw") EventEnvelope<Transaction> envelope) {
        assertConforms(Topics.TRANSACTIONS_RAW, envelope);
    }

    @Property
    void canonicalTransactionAsRestBody(@ForAll("transactions") Transaction transaction) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(transaction);
        assertThat(VALIDATOR.validateTransaction(body)).isEmpty();
        assertThat(MAPPER.readValue(body, Transaction.class)).isEqualTo(transaction);
    }

    @Property
    void transactionsValidated(@ForAll("validated") EventEnvelope<ValidatedTransaction> envelope) {
        assertConforms(Topics.TRANSACTIONS_VALIDATED, envelope);
    }

    @Property
    void transactionsRejected(@ForAll("rejected") EventEnvelope<RejectedTransaction> envelope) {
        assertConforms(Topics.TRANSACTIONS_REJECTED, envelope);
    }

    @Property
    void transactionsEnriched(@ForAll("enriched") EventEnvelope<EnrichedTransaction> envelope) {
        assertConforms(Topics.TRANSACTIONS_ENRICHED, envelope);
    }

    @Property
    void transactionsScored(@ForAll("scored") EventEnvelope<ScoredTransaction> envelope) {
        assertConforms(Topics.TRANSACTIONS_SCORED, envelope);
    }

    @Property
    void alertsFraud(@ForAll("alerts") EventEnvelope<FraudAlert> envelope) {
        assertConforms(Topics.ALERTS_FRAUD, envelope);
    }

    @Property
    void labelsFeedback(@ForAll("labels") EventEnvelope<LabelFeedback> envelope) {
        assertConforms(Topics.LABELS_FEEDBACK, envelope);
    }

    @Property
    void decisionsReviewed(@ForAll("reviews") EventEnvelope<ReviewedDecision> envelope) {
        assertConforms(Topics.DECISIONS_REVIEWED, envelope);
    }

    @Property
    void modelsLifecycle(@ForAll("models") EventEnvelope<ModelLifecycleEvent> envelope) {
        assertConforms(Topics.MODELS_LIFECYCLE, envelope);
    }

    @Property
    void gdprCommands(@ForAll("commands") EventEnvelope<GdprCommand> envelope) {
        assertConforms(Topics.GDPR_COMMANDS, envelope);
    }

    @Property
    void gdprEvents(@ForAll("answers") EventEnvelope<GdprEvent> envelope) {
        assertConforms(Topics.GDPR_EVENTS, envelope);
    }

    @Example
    void everyTopicIsCoveredByAGenerator() {
        for (Topic<?> topic : Topics.ALL) {
            Object payload = EventArbitraries.payloads(topic).sample();
            assertThat(payload).as(topic.name()).isInstanceOf(topic.payloadType());
        }
    }

    @Example
    void decimalsKeepTheirScaleThroughTheCodec() {
        EventEnvelope<Transaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_RAW, "acquirer-gateway",
                new Transaction("tx-1", java.time.Instant.parse("2024-05-01T10:15:30Z"),
                        io.openfraud.events.transaction.TransactionType.PAYMENT, new java.math.BigDecimal("12.50"),
                        "EUR", new Transaction.Customer("C1"), new Transaction.Counterparty("M1"), null, null),
                java.time.Instant.parse("2024-05-01T10:15:31Z"));
        EventCodec<Transaction> codec = new EventCodec<>(Topics.TRANSACTIONS_RAW);
        JsonNode written = readTree(codec.encode(envelope));
        assertThat(written.at("/payload/amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(codec.decode(codec.encode(envelope)).payload().amount()).isEqualTo(new java.math.BigDecimal("12.50"));
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<EventEnvelope<Transaction>> raw() {
        return EventArbitraries.envelopes(Topics.TRANSACTIONS_RAW);
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        return EventArbitraries.transactions();
    }

    @Provide
    Arbitrary<EventEnvelope<ValidatedTransaction>> validated() {
        return EventArbitraries.envelopes(Topics.TRANSACTIONS_VALIDATED);
    }

    @Provide
    Arbitrary<EventEnvelope<RejectedTransaction>> rejected() {
        return EventArbitraries.envelopes(Topics.TRANSACTIONS_REJECTED);
    }

    @Provide
    Arbitrary<EventEnvelope<EnrichedTransaction>> enriched() {
        return EventArbitraries.envelopes(Topics.TRANSACTIONS_ENRICHED);
    }

    @Provide
    Arbitrary<EventEnvelope<ScoredTransaction>> scored() {
        return EventArbitraries.envelopes(Topics.TRANSACTIONS_SCORED);
    }

    @Provide
    Arbitrary<EventEnvelope<FraudAlert>> alerts() {
        return EventArbitraries.envelopes(Topics.ALERTS_FRAUD);
    }

    @Provide
    Arbitrary<EventEnvelope<LabelFeedback>> labels() {
        return EventArbitraries.envelopes(Topics.LABELS_FEEDBACK);
    }

    @Provide
    Arbitrary<EventEnvelope<ReviewedDecision>> reviews() {
        return EventArbitraries.envelopes(Topics.DECISIONS_REVIEWED);
    }

    @Provide
    Arbitrary<EventEnvelope<ModelLifecycleEvent>> models() {
        return EventArbitraries.envelopes(Topics.MODELS_LIFECYCLE);
    }

    @Provide
    Arbitrary<EventEnvelope<GdprCommand>> commands() {
        return EventArbitraries.envelopes(Topics.GDPR_COMMANDS);
    }

    @Provide
    Arbitrary<EventEnvelope<GdprEvent>> answers() {
        return EventArbitraries.envelopes(Topics.GDPR_EVENTS);
    }
}
