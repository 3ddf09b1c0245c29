package io.openfraud.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.EventJson;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static final SchemaValidator VALIDATOR = SchemaValidator.shared();
    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");

    static Verdict verdict(Decision decision) {
        return new Verdict(0.91, decision, List.of(new io.openfraud.events.scoring.Reason("AMOUNT_HIGH", "amount_z",
                0.4)), "fraud-mlp-7", "fs-3", Scorer.MODEL, List.of());
    }

    static MaskedTransaction masked() {
        return new MaskedTransaction("tx-2024-000001", NOW, TransactionType.CARD, 1250, "EUR",
                new MaskedTransaction.MaskedParty("Zk3hQ9x_Lw2mVb8cR1", 100_000L, 98_750L),
                new MaskedTransaction.MaskedParty("mQ7vN2pL0kXz4hT9yB"),
                new MaskedTransaction.MaskedCard("tok_Gh73kLm9Qa2ZxP", "411111", "1111"));
    }

    static ObjectNode validated(ProcessingPath path) {
        Verdict verdict = path == ProcessingPath.SYNC ? verdict(Decision.APPROVE) : null;
        return tree(Topics.TRANSACTIONS_VALIDATED, new ValidatedTransaction(masked(), path, verdict, List.of(), NOW));
    }

    static <V> ObjectNode tree(Topic<V> topic, V payload) {
        byte[] bytes = new EventCodec<>(topic).encode(EventEnvelope.of(topic, topic.producers().get(0), payload, NOW));
        try {
            return (ObjectNode) MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode transaction() {
        try {
            return (ObjectNode) MAPPER.readTree("""
                    {"transactionId": "tx-1", "timestamp": "2024-05-01T10:15:30+02:00", "type": "CARD",
                     "amount": 12.50, "currency": "EUR", "customer": {"id": "C1231006815"},
                     "counterparty": {"id": "M1979787155", "balanceBefore": 0, "balanceAfter": 12.5},
                     "account": {"balanceBefore": 170136.0, "balanceAfter": 160296.36},
                     "card": {"pan": "4111111111111111", "cvv": "123", "expiry": "12/27"}}""");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> paths(List<SchemaViolation> violations) {
        return violations.stream().map(SchemaViolation::path).toList();
    }

    @Test
    void aValidEventHasNoViolations() {
        assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, validated(ProcessingPath.ASYNC))).isEmpty();
        assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, validated(ProcessingPath.SYNC))).isEmpty();
    }

    @Nested
    class Envelope {

        @Test
        void missingRequiredFieldIsNamedByItsOwnPath() {
            ObjectNode event = validated(ProcessingPath.ASYNC);
            ((ObjectNode) event.at("/payload/transaction")).remove("amountMinor");
            event.remove("eventId");
            List<SchemaViolation> violations = VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event);
            assertThat(violations).extracting(SchemaViolation::path, SchemaViolation::keyword)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/eventId", "required"),
                            org.assertj.core.groups.Tuple.tuple("/payload/transaction/amountMinor", "required"));
            assertThat(violations.get(1).field()).isEqualTo("payload.transaction.amountMinor");
        }

        @Test
        void wrongEventTypeIsRefused() {
            ObjectNode event = validated(ProcessingPath.ASYNC).put("type", "transaction.scored");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))
                    .extracting(SchemaViolation::path, SchemaViolation::keyword)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/type", "const"));
        }

        @Test
        void unsupportedSchemaVersionIsRefused() {
            for (int version : new int[] {0, 2, 99}) {
                ObjectNode event = validated(ProcessingPath.ASYNC).put("schemaVersion", version);
                assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))).contains("/schemaVersion");
            }
        }

        @Test
        void undeclaredProducerIsRefused() {
            ObjectNode event = validated(ProcessingPath.ASYNC).put("producer", "scoring-service");
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))).containsExactly("/producer");
        }

        @Test
        void eventIdMustBeAUuidAndOccurredAtAnInstant() {
            ObjectNode event = validated(ProcessingPath.ASYNC).put("eventId", "not-a-uuid")
                    .put("occurredAt", "2024-05-01 10:15");
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)))
                    .containsExactly("/eventId", "/occurredAt");
            event.put("eventId", UUID.randomUUID().toString()).put("occurredAt", "2024-05-01T10:15:30.123456789Z");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)).isEmpty();
        }

        @Test
        void unknownEnvelopeOrPayloadFieldsAreNotPartOfTheProducersPromise() {
            ObjectNode event = validated(ProcessingPath.ASYNC).put("traceId", "abc");
            ((ObjectNode) event.at("/payload/transaction")).put("merchantName", "ACME");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))
                    .extracting(SchemaViolation::keyword).containsOnly("additionalProperties");
        }

        @Test
        void wrongEnumIsRefused() {
            ObjectNode event = validated(ProcessingPath.ASYNC);
            ((ObjectNode) event.at("/payload/transaction")).put("type", "WIRE");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))
                    .extracting(SchemaViolation::path, SchemaViolation::keyword)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/transaction/type", "enum"));
        }
    }

    @Nested
    class Bytes {

        @Test
        void nonJsonIsOneSyntaxViolationThatDoesNotQuoteTheInput() {
            for (String input : new String[] {"4111111111111111 not json", "{\"a\": 1", "{\"a\":1} trailing",
                "{\"a\":1,\"a\":2}", ""}) {
                List<SchemaViolation> violations = VALIDATOR.validate(Topics.TRANSACTIONS_RAW,
                        input.getBytes(StandardCharsets.UTF_8));
                assertThat(violations).as(input).singleElement().satisfies(v -> {
                    assertThat(v.keyword()).isEqualTo(SchemaViolation.SYNTAX);
                    assertThat(v.path()).isEmpty();
                    assertThat(v.message()).doesNotContain("4111111111111111").doesNotContain("trailing");
                });
            }
        }

        @Test
        void bytesAndTreesGiveTheSameAnswer() throws Exception {
            ObjectNode event = validated(ProcessingPath.SYNC);
            event.remove("payload");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, MAPPER.writeValueAsBytes(event)))
                    .isEqualTo(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event));
        }

        @Test
        void aJsonArrayIsNotAnEnvelope() {
            assertThat(VALIDATOR.validate(Topics.GDPR_EVENTS, "[]".getBytes(StandardCharsets.UTF_8)))
                    .extracting(SchemaViolation::keyword).contains("type");
        }
    }

    @Nested
    class Invariants {

        @Test
        void syncCarriesAVerdictAndAsyncNone() {
            ObjectNode sync = validated(ProcessingPath.SYNC);
            ((ObjectNode) sync.get("payload")).remove("verdict");
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, sync)))
                    .containsExactly("/payload/verdict");

            ObjectNode async = validated(ProcessingPath.ASYNC);
            ((ObjectNode) async.get("payload")).set("verdict", validated(ProcessingPath.SYNC).at("/payload/verdict"));
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, async)).isNotEmpty();
        }

        @Test
        void scoreIsAProbability() {
            for (double score : new double[] {-0.01, 1.0001, 7}) {
                ObjectNode event = validated(ProcessingPath.SYNC);
                ((ObjectNode) event.at("/payload/verdict")).put("score", score);
                assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)))
                        .containsExactly("/payload/verdict/score");
            }
        }

        @Test
        void ruleScorerNamesItsRulesVersion() {
            ObjectNode event = validated(ProcessingPath.SYNC);
            ((ObjectNode) event.at("/payload/verdict")).put("scorer", "RULES");
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)))
                    .containsExactly("/payload/verdict/modelVersion");
            ((ObjectNode) event.at("/payload/verdict")).put("modelVersion", "rules-3");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)).isEmpty();
        }

        @Test
        void anAlertIsNeverAnApproval() {
            ObjectNode alert = tree(Topics.ALERTS_FRAUD, new io.openfraud.events.scoring.FraudAlert("alert-1", "tx-1",
                    "Zk3hQ9x_Lw2mVb8cR1", NOW, verdict(Decision.REVIEW), NOW));
            assertThat(VALIDATOR.validate(Topics.ALERTS_FRAUD, alert)).isEmpty();
            ((ObjectNode) alert.at("/payload/verdict")).put("decision", "APPROVE");
            assertThat(paths(VALIDATOR.validate(Topics.ALERTS_FRAUD, alert)))
                    .containsExactly("/payload/verdict/decision");
        }

        @Test
        void aRejectedTransactionNamesAtLeastOneRejectViolation() {
            ObjectNode rejected = tree(Topics.TRANSACTIONS_REJECTED, new io.openfraud.events.transaction
                    .RejectedTransaction("tx-1", NOW, io.openfraud.events.transaction.IntakeChannel.REST,
                    List.of(new io.openfraud.events.transaction.RejectedTransaction.RuleViolation("DQ-AMOUNT-POSITIVE",
                            1, "amount", io.openfraud.events.transaction.RejectedTransaction.Severity.REJECT,
                            "amount must be positive")), Map.of("amount", -5, "cvv", "***")));
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_REJECTED, rejected)).isEmpty();

            ((ObjectNode) rejected.at("/payload/violations/0")).put("severity", "WARN");
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_REJECTED, rejected)))
                    .containsExactly("/payload/violations");
            ((ArrayNode) rejected.at("/payload/violations")).removeAll();
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_REJECTED, rejected)))
                    .contains("/payload/violations");
        }

        @Test
        void aMaskedRecordHoldsNoCardVerificationValue() {
            ObjectNode rejected = tree(Topics.TRANSACTIONS_REJECTED, new io.openfraud.events.transaction
                    .RejectedTransaction(null, NOW, io.openfraud.events.transaction.IntakeChannel.FILE,
                    List.of(new io.openfraud.events.transaction.RejectedTransaction.RuleViolation("DQ-PARSE", 1, null,
                            io.openfraud.events.transaction.RejectedTransaction.Severity.REJECT, "unreadable row")),
                    Map.of("card", Map.of("cvv", "123"))));
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_REJECTED, rejected))
                    .extracting(SchemaViolation::path).contains("/payload/maskedRecord/card/cvv")
                    .allMatch(path -> path.startsWith("/payload/maskedRecord/card"));
        }

        @Test
        void retainedDataNamesItsLegalBasisAndDeletionDate() {
            ObjectNode event = tree(Topics.GDPR_EVENTS, new io.openfraud.events.gdpr.GdprEvent("dsr-1",
                    "ingestion-service", io.openfraud.events.gdpr.GdprCommand.Action.ERASE, "Zk3hQ9x_Lw2mVb8cR1",
                    io.openfraud.events.gdpr.GdprEvent.Outcome.DONE, List.of(new StoreEffect(
                            "postgresql:ingestion.transactions", "customer_pseudonym", 12,
                            StoreEffect.Effect.RETAINED, "AML: five years", LocalDate.of(2029, 5, 1))), null, NOW));
            assertThat(VALIDATOR.validate(Topics.GDPR_EVENTS, event)).isEmpty();
            ((ObjectNode) event.at("/payload/effects/0")).remove(List.of("legalBasis", "deleteAfter"));
            assertThat(paths(VALIDATOR.validate(Topics.GDPR_EVENTS, event)))
                    .containsExactly("/payload/effects/0/deleteAfter", "/payload/effects/0/legalBasis");
        }

        @Test
        void aFailedAnswerSaysWhy() {
            ObjectNode event = tree(Topics.GDPR_EVENTS, new io.openfraud.events.gdpr.GdprEvent("dsr-1",
                    "feature-service", io.openfraud.events.gdpr.GdprCommand.Action.ERASE, "Zk3hQ9x_Lw2mVb8cR1",
                    io.openfraud.events.gdpr.GdprEvent.Outcome.FAILED, List.of(), null, NOW));
            assertThat(paths(VALIDATOR.validate(Topics.GDPR_EVENTS, event))).containsExactly("/payload/error");
        }

        @Test
        void amountsInMaskedEventsAreIntegerMinorUnits() {
            ObjectNode event = validated(ProcessingPath.ASYNC);
            ((ObjectNode) event.at("/payload/transaction")).put("amountMinor", 12.5);
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)))
                    .containsExactly("/payload/transaction/amountMinor");
            ((ObjectNode) event.at("/payload/transaction")).put("amountMinor", 0);
            assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)))
                    .containsExactly("/payload/transaction/amountMinor");
        }

        @Test
        void cardDataIsBinLastFourAndAToken() {
            String[][] bad = {{"bin", "41111"}, {"bin", "411111111"}, {"bin", "4111a1"}, {"last4", "111"},
                {"last4", "11111"}, {"token", "4111111111111111"}, {"token", "1234567890"}, {"token", "tok"}};
            for (String[] field : bad) {
                ObjectNode event = validated(ProcessingPath.ASYNC);
                ((ObjectNode) event.at("/payload/transaction/card")).put(field[0], field[1]);
                assertThat(paths(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event))).as(field[0] + "=" + field[1])
                        .containsExactly("/payload/transaction/card/" + field[0]);
            }
            ObjectNode event = validated(ProcessingPath.ASYNC);
            ((ObjectNode) event.at("/payload/transaction/card")).put("bin", "41111111");
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)).isEmpty();
        }
    }

    @Nested
    class CanonicalTransaction {

        @Test
        void aFullTransactionIsValid() {
            assertThat(VALIDATOR.validateTransaction(transaction())).isEmpty();
        }

        @Test
        void onlyTheCoreFieldsAreRequired() {
            ObjectNode minimal = transaction();
            minimal.remove(List.of("account", "card"));
            ((ObjectNode) minimal.get("counterparty")).remove(List.of("balanceBefore", "balanceAfter"));
            assertThat(VALIDATOR.validateTransaction(minimal)).isEmpty();
        }

        @Test
        void everyMissingRequiredFieldIsNamed() {
            ObjectNode empty = MAPPER.createObjectNode();
            empty.putObject("customer");
            empty.putObject("counterparty");
            assertThat(VALIDATOR.validateTransaction(empty)).extracting(SchemaViolation::field).containsExactly(
                    "amount", "counterparty.id", "currency", "customer.id", "timestamp", "transactionId", "type");
        }

        @Test
        void laterFieldsAreAcceptedAnywhere() {
            ObjectNode extended = transaction();
            extended.putObject("merchant").put("mcc", "5411");
            ((ObjectNode) extended.get("card")).put("network", "VISA");
            ((ObjectNode) extended.get("customer")).put("segment", "retail");
            assertThat(VALIDATOR.validateTransaction(extended)).isEmpty();
        }

        @Test
        void badValuesAreNamedWithoutQuotingThem() {
            ObjectNode bad = transaction();
            bad.put("transactionId", "4111111111111111").put("type", "WIRE").put("amount", -3)
                    .put("currency", "eur").put("timestamp", "01/05/2024");
            ((ObjectNode) bad.get("card")).put("pan", "4111 1111 1111 1111").put("cvv", "12").put("expiry", "13/27");
            List<SchemaViolation> violations = VALIDATOR.validateTransaction(bad);
            assertThat(violations).extracting(SchemaViolation::field).containsExactly("amount", "card.cvv",
                    "card.expiry", "card.pan", "currency", "timestamp", "transactionId", "type");
            assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotContain("4111"));
        }

        @Test
        void transactionIdsMayLookLikeDatesOrUuidsButHoldNoCardLikeRun() {
            for (String ok : new String[] {"20240501-000123", "0b242abb623afc578575680df30655b9",
                "tx:2024/05/01#1".replace("#", "-"), "12345678", "tx-2024-0501-1234-5678",
                "12345678-1234-1234-1234-123456789012"}) {
                assertThat(VALIDATOR.validateTransaction(transaction().put("transactionId", ok))).as(ok).isEmpty();
            }
            for (String pan : new String[] {"4111111111111111", "4111-1111-1111-1111", "378282246310005",
                "3782-822463-10005", "ref_4111111111111111", "tx20240501123456789",
                "alice@example.com", "two words", ""}) {
                assertThat(VALIDATOR.validateTransaction(transaction().put("transactionId", pan))).as(pan)
                        .isNotEmpty();
            }
        }
    }

    @Nested
    class SubjectDataInterface {

        @Test
        void jacksonOutputOfTheReportsConforms() {
            SubjectDataReport report = new SubjectDataReport("scoring-service", "Zk3hQ9x_Lw2mVb8cR1", NOW, List.of(
                    new SubjectDataReport.SubjectRecord("postgresql:scoring.decisions", "decision",
                            "fraud prevention", "legitimate interest (Art. 6(1)(f))", "5 years", "scoring-service",
                            false, List.of(Map.of("transactionId", "tx-1", "decision", "DECLINE", "score", 0.97)))));
            ErasureReport erasure = new ErasureReport("feature-service", "Zk3hQ9x_Lw2mVb8cR1", NOW, List.of(
                    new StoreEffect("redis:features", "customer:{pseudonym}:*", 3, StoreEffect.Effect.ERASED, null,
                            null)));
            assertThat(VALIDATOR.validate("subject-data-report-v1.schema.json", MAPPER.valueToTree(report))).isEmpty();
            assertThat(VALIDATOR.validate("erasure-report-v1.schema.json", MAPPER.valueToTree(erasure))).isEmpty();
        }

        @Test
        void aReportCannotCarryACardNumber() {
            SubjectDataReport report = new SubjectDataReport("ingestion-service", "Zk3hQ9x_Lw2mVb8cR1", NOW, List.of(
                    new SubjectDataReport.SubjectRecord("postgresql:ingestion.transactions", "transaction",
                            "fraud prevention", "legal obligation", "5 years", "client", true,
                            List.of(Map.of("card", "4111111111111111")))));
            assertThat(VALIDATOR.validate("subject-data-report-v1.schema.json", MAPPER.valueToTree(report)))
                    .extracting(SchemaViolation::path).contains("/records/0/data/0/card");
        }
    }

    @Test
    void unknownSchemaFilesAreRefusedNotFetched() {
        assertThatThrownBy(() -> VALIDATOR.validate("nope.schema.json", MAPPER.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.schema.json");
    }

    @Test
    void compiledSchemasAreCachedAndTheValidatorIsShared() {
        assertThat(SchemaValidator.shared()).isSameAs(VALIDATOR);
        JsonNode event = validated(ProcessingPath.ASYNC);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, event)).isEmpty();
        }
        assertThat(System.nanoTime() - start).as("200 validations with a warm cache").isLessThan(5_000_000_000L);
    }

    @Test
    void fieldNamesReadLikeDataQualityRuleFields() {
        assertThat(new SchemaViolation("/card/pan", "pattern", "m").field()).isEqualTo("card.pan");
        assertThat(new SchemaViolation("/payload/verdict/reasons/0/code", "type", "m").field())
                .isEqualTo("payload.verdict.reasons[0].code");
        assertThat(new SchemaViolation("/a~1b/c~0d", "type", "m").field()).isEqualTo("a/b.c~d");
        assertThat(new SchemaViolation("", "type", "m").field()).isEmpty();
        assertThat(SchemaValidator.schemaId("transactions.raw.schema.json"))
                .isEqualTo("https://openfraud.io/schemas/transactions.raw.schema.json");
    }
}
