package io.openfraud.ingestion.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The bulk paths: batch requests and transactions.raw, the quarantine and its replay after a rule fix. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class BulkIntakeTest {

    private static final String PAN = "4111111111111111";
    private static final String BAD_LUHN = "4111111111111112";
    private static final Duration FLOW = Duration.ofSeconds(20);
    private static final String TX = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,"currency":"EUR",\
            "customer":{"id":"bulk-customer-1"},"counterparty":{"id":"merchant-9"},\
            "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";

    /** Records of {@code tail} whose JSON satisfies {@code wanted}, until {@code count} of them arrived. */
    private static List<String> arrivals(TopicTail tail, Predicate<String> wanted, int count) {
        List<String> matched = new ArrayList<>();
        long deadline = System.nanoTime() + FLOW.toNanos();
        while (matched.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : tail.within(Duration.ofMillis(500))) {
                String json = new String(record.value(), StandardCharsets.UTF_8);
                if (wanted.test(json)) {
                    matched.add(json);
                }
            }
        }
        assertThat(matched).as("records on the topic").hasSize(count);
        return matched;
    }

    @Test
    void anNdjsonBatchGivesAResultPerItemAndOneBadItemNeverFailsTheOthers() {
        String a = "batch-a-" + UUID.randomUUID();
        String b = "batch-b-" + UUID.randomUUID();
        String bad = "batch-bad-" + UUID.randomUUID();
        String body = String.join("\n", TX.formatted(a, PAN), TX.formatted(b, PAN), TX.formatted(a, PAN),
                TX.formatted(bad, BAD_LUHN), "{not json " + PAN, "");
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME);
             TopicTail rejected = Infra.kafka().tail(Topics.TRANSACTIONS_REJECTED_NAME)) {
            JsonPath result = given().header("Authorization", Tokens.bearer("service"))
                    .contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/transactions/batch").then()
                    .statusCode(200).body(not(containsString(PAN)), not(containsString(BAD_LUHN)))
                    .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(2))
                    .extract().jsonPath();
            assertThat(result.getList("results.status", String.class))
                    .containsExactly("ACCEPTED", "ACCEPTED", "DUPLICATE", "REJECTED", "REJECTED");
            assertThat(result.getList("results[3].errors.rule", String.class)).containsExactly("DQ-CARD-LUHN");
            assertThat(result.getList("results[4].errors.rule", String.class)).containsExactly("DQ-JSON");
            assertThat(result.getString("results[4].transactionId")).isNull();

            List<String> published = arrivals(validated, json -> json.contains(a) || json.contains(b), 2);
            assertThat(published).allSatisfy(json -> assertThat(json).doesNotContain(PAN, "bulk-customer-1"));
            List<String> rejections = arrivals(rejected, json -> json.contains(bad)
                    || json.contains(result.getString("batchId")) || json.contains("\"DQ-JSON\""), 2);
            for (String json : rejections) {
                assertThat(json).doesNotContain(PAN, BAD_LUHN, "987", "bulk-customer-1");
                RejectedTransaction event = new EventCodec<>(Topics.TRANSACTIONS_REJECTED)
                        .decode(json.getBytes(StandardCharsets.UTF_8)).payload();
                assertThat(event.violations()).isNotEmpty();
            }
        }
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + a).then()
                .statusCode(200).body("lineage.source", equalTo("BATCH"))
                .body("lineage.sourceRef", containsString(":0"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("rule", "DQ-CARD-LUHN")
                .queryParam("limit", 500).get("/api/v1/quality/quarantine").then().statusCode(200)
                .body("entries.transactionId", hasItem(bad)).body(not(containsString(BAD_LUHN)));
    }

    @Test
    void aJsonArrayBatchIsReadItemByItemAndABrokenArrayIsA400() {
        String id = "array-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body("[" + TX.formatted(id, PAN) + "]").post("/api/v1/transactions/batch").then()
                .statusCode(200).body("accepted", equalTo(1)).body("results[0].transactionId", equalTo(id));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body("[" + TX.formatted("x-" + UUID.randomUUID(), PAN) + ", {broken").post("/api/v1/transactions/batch")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body(not(containsString(PAN)));
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append(TX.formatted("many-" + i + "-" + UUID.randomUUID(), PAN));
        }
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(tooMany.append("]").toString()).post("/api/v1/transactions/batch").then().statusCode(413);
    }

    @Test
    void rawTopicRecordsAreAdmittedQuarantinedOrDeadLetteredScrubbed() throws Exception {
        String good = "raw-" + UUID.randomUUID();
        String bad = "raw-bad-" + UUID.randomUUID();
        String envelope = """
                {"eventId":"%s","type":"transaction.raw","schemaVersion":1,"occurredAt":"2025-01-01T10:00:00Z",\
                "producer":"acquirer-x","payload":%s}""";
        try (TopicTail rejected = Infra.kafka().tail(Topics.TRANSACTIONS_REJECTED_NAME);
             TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_RAW.dlqName())) {
            Infra.kafka().produce(Topics.TRANSACTIONS_RAW_NAME, good,
                    envelope.formatted(UUID.randomUUID(), TX.formatted(good, PAN)));
            Infra.kafka().produce(Topics.TRANSACTIONS_RAW_NAME, bad,
                    envelope.formatted(UUID.randomUUID(), TX.formatted(bad, BAD_LUHN)));
            Infra.kafka().produce(Topics.TRANSACTIONS_RAW_NAME, "garbage", "card " + PAN + " {oops");

            await().atMost(FLOW).untilAsserted(() -> given().header("Authorization", Tokens.bearer("analyst"))
                    .get("/api/v1/transactions/" + good).then().statusCode(200)
                    .body("lineage.source", equalTo("KAFKA"))
                    .body("lineage.sourceRef", containsString("transactions.raw-")));
            assertThat(arrivals(rejected, json -> json.contains(bad), 1).get(0)).contains("DQ-CARD-LUHN")
                    .contains("\"channel\":\"KAFKA\"").doesNotContain(BAD_LUHN);
            List<ConsumerRecord<String, byte[]>> dead = dlq.next(1, FLOW);
            String deadValue = new String(dead.get(0).value(), StandardCharsets.UTF_8);
            assertThat(deadValue).doesNotContain(PAN).contains("[masked]");
            assertThat(new String(dead.get(0).headers().lastHeader(io.openfraud.events.DeadLetters.REASON_CODE)
                    .value(), StandardCharsets.UTF_8)).isEqualTo("UNPARSEABLE");
        }
    }

    @Test
    void aQuarantinedRecordIsReplayedAfterItsRuleIsRelaxedAndNotBefore() {
        String id = "replay-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/x-ndjson")
                .body(TX.formatted(id, BAD_LUHN).getBytes(StandardCharsets.UTF_8)).post("/api/v1/transactions/batch")
                .then().statusCode(200).body("rejected", equalTo(1));
        long quarantineId = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("rule", "DQ-CARD-LUHN").queryParam("limit", 500).get("/api/v1/quality/quarantine")
                .then().statusCode(200).extract().jsonPath()
                .getLong("entries.find { it.transactionId == '" + id + "' }.id");
        String replay = "{\"ids\":[" + quarantineId + "]}";

        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(replay)
                .post("/api/v1/quality/quarantine/replay").then().statusCode(200)
                .body("[0].outcome", equalTo("QUARANTINED")).body("[0].stillRejecting", hasItem("DQ-CARD-LUHN"));
        String before = given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/quality/rules")
                .then().extract().path("ruleSetVersion");
        try {
            given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                    .body("{\"severity\":\"WARN\"}").put("/api/v1/quality/rules/DQ-CARD-LUHN").then()
                    .statusCode(200).body("severity", equalTo("WARN"));
            given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/quality/rules").then()
                    .body("ruleSetVersion", not(equalTo(before)));
            given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(replay)
                    .post("/api/v1/quality/quarantine/replay").then().statusCode(200)
                    .body("[0].outcome", equalTo("ACCEPTED"));
            given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                    .log().ifValidationFails().statusCode(200).body("warnings", hasItem("DQ-CARD-LUHN")).body("cardLast4", equalTo("1112"))
                    .body("lineage.sourceRef", equalTo("quarantine-" + quarantineId));
            // Replaying again does nothing: the entry is REPLAYED.
            given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(replay)
                    .post("/api/v1/quality/quarantine/replay").then().statusCode(200).body("size()", equalTo(0));
        } finally {
            given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                    .body("{\"severity\":\"REJECT\"}").put("/api/v1/quality/rules/DQ-CARD-LUHN").then()
                    .statusCode(200);
        }
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/quality/rules").then()
                .body("ruleSetVersion", equalTo(before));
    }

    @Test
    void aSubjectsQuarantinedRecordsAreReportedAndErasedWithTheSubject() {
        String customer = "erase-me-" + UUID.randomUUID();
        String good = "q-good-" + UUID.randomUUID();
        String bad = "q-bad-" + UUID.randomUUID();
        String body = TX.formatted(good, PAN).replace("bulk-customer-1", customer) + "\n"
                + TX.formatted(bad, BAD_LUHN).replace("bulk-customer-1", customer) + "\n";
        given().header("Authorization", Tokens.bearer("service")).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/transactions/batch").then()
                .statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1));
        String pseudonym = given().header("Authorization", Tokens.bearer("analyst"))
                .get("/api/v1/transactions/" + good).then().statusCode(200).extract().path("customerPseudonym");

        given().header("Authorization", Tokens.bearer("service")).get("/internal/v1/subjects/" + pseudonym).then()
                .statusCode(200).body("records.store", hasItem("postgresql:ingestion.quarantine"))
                .body(not(containsString(BAD_LUHN)));
        given().header("Authorization", Tokens.bearer("service")).delete("/internal/v1/subjects/" + pseudonym)
                .then().statusCode(200)
                .body("effects.find { it.store == 'postgresql:ingestion.quarantine' }.records", equalTo(1));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("rule", "DQ-CARD-LUHN")
                .queryParam("limit", 500).get("/api/v1/quality/quarantine").then().statusCode(200)
                .body("entries.transactionId", not(hasItem(bad)));
    }
}
