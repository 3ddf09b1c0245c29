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
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.TransactionType;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Boots ingestion-service against a real PostgreSQL and Kafka: operational endpoints, security, intake and the
 * transactional outbox. (The crash between commit and publication is OutboxCrashIT's, against the packaged service.)
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class IngestionServiceTest {

    @jakarta.inject.Inject
    io.openfraud.web.overload.LoadShedding shedding;


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
        awaitEmptyOutbox();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metricValue(metrics, "openfraud_outbox_published_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("openfraud_outbox_pending");

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
        long admitted = shedding.admitted();
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
            assertThat(published.transaction().transactionId()).isEqualTo(id);
        }
        // the arrival was stamped on the event loop and the queue time checked before any work (LoadShedding)
        assertThat(shedding.admitted()).isGreaterThan(admitted);
        awaitEmptyOutbox();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(id, PAN)).post("/api/v1/authorizations").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("verdict.decision", equalTo("REVIEW"));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("path", equalTo("SYNC")).body("decision", equalTo("REVIEW"));
    }

    @Test
    void rowsLeftInTheOutboxArePublishedOnceInIdOrderPerKeyWithTheirEventIds() throws Exception {
        // As after a crash: committed rows that no commit in this process signalled; the sweep finds them.
        int rows = Integer.getInteger("openfraud.test.backlog-rows", 10_000);
        int customers = 16;
        EventCodec<ValidatedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
        Map<String, String> keyByEventId = new HashMap<>();
        Map<String, List<String>> eventIdsByKey = new LinkedHashMap<>();
        double publishedBefore = metricValue(given().get("/q/metrics").then().extract().asString(),
                "openfraud_outbox_published_total");
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
            try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection
                    .prepareStatement("INSERT INTO outbox (event_id, topic, record_key, payload) VALUES (?, ?, ?, ?)")) {
                connection.setAutoCommit(false);
                for (int i = 0; i < rows; i++) {
                    String key = "cus_backlog_" + (i % customers);
                    MaskedTransaction masked = new MaskedTransaction("backlog-" + UUID.randomUUID(), Instant.now(),
                            TransactionType.TRANSFER, 100 + i, "EUR", new MaskedParty(key),
                            new MaskedParty("cus_payee"), null);
                    EventEnvelope<ValidatedTransaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED,
                            Services.INGESTION, new ValidatedTransaction(masked, ProcessingPath.ASYNC, null,
                                    List.of(), Instant.now()), Instant.now());
                    insert.setObject(1, UUID.fromString(envelope.eventId()));
                    insert.setString(2, Topics.TRANSACTIONS_VALIDATED_NAME);
                    insert.setString(3, key);
                    insert.setBytes(4, codec.encode(envelope));
                    insert.addBatch();
                    keyByEventId.put(envelope.eventId(), key);
                    eventIdsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(envelope.eventId());
                }
                insert.executeBatch();
                connection.commit();
            }

            // Collect first and decode afterwards, so the test competes less with the relay for the CPU.
            List<ConsumerRecord<String, byte[]>> backlog = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (backlog.size() < rows && System.nanoTime() < deadline) {
                validated.within(Duration.ofMillis(200)).stream()
                        .filter(r -> r.key() != null && r.key().startsWith("cus_backlog_")).forEach(backlog::add);
            }
            Map<String, List<String>> receivedByKey = new LinkedHashMap<>();
            Set<String> received = new HashSet<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (ConsumerRecord<String, byte[]> record : backlog) {
                String eventId = codec.decode(record.value()).eventId();
                assertThat(received.add(eventId)).as("published once: " + eventId).isTrue();
                assertThat(record.key()).isEqualTo(keyByEventId.get(eventId));
                receivedByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(eventId);
                first = Math.min(first, record.timestamp());
                last = Math.max(last, record.timestamp());
            }
            assertThat(received).as("every row published with its stored event id").hasSize(rows);
            assertThat(receivedByKey).as("in id order for each key").isEqualTo(eventIdsByKey);
            awaitEmptyOutbox();
            assertThat(validated.within(Duration.ofMillis(500))).as("nothing published twice")
                    .noneMatch(r -> r.key() != null && r.key().startsWith("cus_backlog_"));
            System.out.printf("[outbox] %d rows published in %d ms (producer timestamps): %.0f rows/s%n", rows,
                    last - first, rows * 1000.0 / Math.max(1, last - first));
        }
        assertThat(metricValue(given().get("/q/metrics").then().extract().asString(),
                "openfraud_outbox_published_total")).isGreaterThanOrEqualTo(publishedBefore + rows);
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

        // A verdict of the synchronous path is the one stored at authorisation: not written again. Proven by order: a
        // later verdict with the same key (same partition) is applied, so the SYNC one before it was consumed.
        String later = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(later, PAN)).post("/api/v1/transactions").then().statusCode(202);
        EventCodec<ScoredTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
        ScoredTransaction sync = new ScoredTransaction(id, "cus_someone_0001", Instant.now(), ProcessingPath.SYNC,
                new Verdict(0.99, Decision.DECLINE, List.of(), "rules-1", "skeleton-v0", Scorer.RULES, List.of()),
                Instant.now());
        ScoredTransaction next = new ScoredTransaction(later, "cus_someone_0001", Instant.now(), ProcessingPath.ASYNC,
                new Verdict(0.12, Decision.APPROVE, List.of(), "rules-1", "skeleton-v0", Scorer.RULES, List.of()),
                Instant.now());
        for (ScoredTransaction verdict : List.of(sync, next)) {
            Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "cus_someone_0001", codec.encode(
                    EventEnvelope.of(Topics.TRANSACTIONS_SCORED, Services.SCORING, verdict, Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + later).then()
                .statusCode(200).body("decision", equalTo("APPROVE")));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("decision", equalTo("REVIEW")).body("score", equalTo(0.73f));
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

    private void awaitEmptyOutbox() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outboxRows()).isZero());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metricValue(
                given().get("/q/metrics").then().extract().asString(), "openfraud_outbox_pending")).isZero());
    }

    private long outboxRows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The value of an untagged Prometheus sample, or -1 when absent. */
    private static double metricValue(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
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
