package io.openfraud.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.Services;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Boots ingestion-service against a real PostgreSQL and Kafka: operational endpoints, security and intake. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class IngestionServiceTest {

    private static final String PAN = "4111111111111111";
    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,
             "currency":"EUR","customer":{"id":"alice-42"},"counterparty":{"id":"merchant-7"},
             "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("ingestion-service");
    }

    @Test
    void readinessChecksPostgresAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.DATABASE_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTransactionIsMaskedStoredAndPublishedOnce() throws Exception {
        String id = "tx-" + UUID.randomUUID();
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/transactions")
                    .then().statusCode(202).body("status", equalTo("ACCEPTED"));
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/transactions")
                    .then().statusCode(200).body("status", equalTo("DUPLICATE"));

            List<ConsumerRecord<String, byte[]>> records = validated.next(1, Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> record = records.get(0);
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(json).doesNotContain(PAN).doesNotContain("987").doesNotContain("alice-42");
            EventEnvelope<ValidatedTransaction> event = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED)
                    .decode(record.value());
            assertThat(event.payload().path()).isEqualTo(ProcessingPath.ASYNC);
            assertThat(event.payload().transaction().amountMinor()).isEqualTo(1250);
            assertThat(event.payload().transaction().card().last4()).isEqualTo("1111");
            assertThat(record.key()).isEqualTo(event.payload().transaction().customer().pseudonym())
                    .startsWith("cus_");
            assertThat(validated.within(Duration.ofMillis(500))).as("the duplicate is not published again")
                    .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id));
        }

        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200)
                .body("cardBin", equalTo("41111111"))
                .body("cardLast4", equalTo("1111"))
                .body("customerPseudonym", startsWith("cus_"))
                .body("decision", nullValue())
                .body(not(containsString(PAN)));
        assertThat(storedText()).doesNotContain(PAN).doesNotContain("alice-42").doesNotContain("987");
    }

    @Test
    void anAuthorisationWithScoringDownIsAnsweredReviewDegradedAndPublishedAsSync() {
        String id = "auth-" + UUID.randomUUID();
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/authorizations").then().statusCode(200)
                    .body("duplicate", equalTo(false))
                    .body("verdict.decision", equalTo("REVIEW"))
                    .body("verdict.degraded", hasItems("SCORING_UNAVAILABLE"))
                    .body(not(containsString(PAN)));
            ValidatedTransaction published = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED)
                    .decode(validated.next(1, Duration.ofSeconds(20)).get(0).value()).payload();
            assertThat(published.path()).isEqualTo(ProcessingPath.SYNC);
            assertThat(published.verdict().decision()).isEqualTo(Decision.REVIEW);
        }
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/authorizations").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("verdict.decision", equalTo("REVIEW"));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("path", equalTo("SYNC")).body("decision", equalTo("REVIEW"));
    }

    @Test
    void scoringsVerdictIsRecordedOnTheTransaction() {
        String id = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/transactions").then().statusCode(202);
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "poison", "{\"type\":\"transaction.scored\"}");
        ScoredTransaction scored = new ScoredTransaction(id, "cus_someone_0001", Instant.now(), ProcessingPath.ASYNC,
                new Verdict(0.73, Decision.REVIEW, List.of(), "rules-1", "skeleton-v0", Scorer.RULES, List.of()),
                Instant.now());
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "cus_someone_0001",
                new EventCodec<>(Topics.TRANSACTIONS_SCORED).encode(EventEnvelope.of(Topics.TRANSACTIONS_SCORED,
                        Services.SCORING, scored, Instant.now())));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("decision", equalTo("REVIEW")).body("scorer", equalTo("RULES"))
                .body("modelVersion", equalTo("rules-1")).body("score", equalTo(0.73f)));
    }

    @Test
    void aMalformedTransactionNamesEveryBadFieldAndStoresNothing() throws Exception {
        String id = "bad-" + UUID.randomUUID();
        String bad = TRANSACTION.formatted(id, PAN).replace("\"CARD\"", "\"TELEPORT\"")
                .replace("12.50", "-3").replace("\"EUR\"", "\"EURO\"");
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(bad)
                .post("/api/v1/transactions").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("type", "amount", "currency"))
                .body(not(containsString(PAN)));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(404).contentType(containsString("application/problem+json"));
    }

    @Test
    void flywayCreatedTheSchemaAtStart() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, "public", "processed_events", null)) {
            assertThat(tables.next()).as("processed_events table").isTrue();
        }
    }

    private String storedText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT t::text FROM transactions t")) {
            while (rows.next()) {
                all.append(rows.getString(1)).append('\n');
            }
        }
        return all.toString();
    }
}
