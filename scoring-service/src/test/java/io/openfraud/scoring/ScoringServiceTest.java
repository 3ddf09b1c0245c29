package io.openfraud.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import static org.awaitility.Awaitility.await;

import io.openfraud.events.DeadLetters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Boots scoring-service against a real Kafka, with PyTorch loaded offline, and exercises its API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "scoring"))
class ScoringServiceTest {

    private static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private static final EventCodec<ScoredTransaction> SCORED = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private static final EventCodec<FraudAlert> ALERTS = new EventCodec<>(Topics.ALERTS_FRAUD);

    private static final String MASKED = """
            {"transactionId":"t-1","timestamp":"2025-01-01T10:00:00Z","type":"TRANSFER","amountMinor":%d,
             "currency":"EUR","customer":{"pseudonym":"cus_pseudonym_1","balanceBeforeMinor":%d,
             "balanceAfterMinor":0},"counterparty":{"pseudonym":"cpt_pseudonym_1"}}""";

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("scoring-service");
    }

    @Test
    void readinessChecksKafkaAndPyTorch() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK, OperationalEndpoints.PYTORCH_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isPositive();
    }

    @Test
    void withoutFeatureServiceTheSyncPathStillAnswersDegraded() {
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(20_000_000L, 20_000_000L))
                .post("/api/v1/score").then().statusCode(200)
                .body("scorer", equalTo("RULES"))
                .body("decision", equalTo("REVIEW"))
                .body("modelVersion", equalTo("rules-1"))
                .body("degraded", hasItem("FEATURES_UNAVAILABLE"))
                .body("reasons[0].code", equalTo("AMOUNT_VERY_HIGH"));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(1_500L, 0L))
                .post("/api/v1/score").then().statusCode(200)
                .body("decision", equalTo("APPROVE"));
    }

    @Test
    void theStreamScoresAsyncTransactionsPassesSyncVerdictsThroughAndRaisesAlerts() {
        String asyncId = "tx-" + UUID.randomUUID();
        String syncId = "tx-" + UUID.randomUUID();
        Verdict syncVerdict = new Verdict(0.1, Decision.APPROVE, List.of(), "champion-7", "skeleton-v0",
                Scorer.MODEL, List.of());
        try (TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED_NAME);
                TopicTail alerts = Infra.kafka().tail(Topics.ALERTS_FRAUD_NAME);
                TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED.dlqName())) {
            Infra.kafka().produce(Topics.TRANSACTIONS_ENRICHED_NAME, "poison", "[]");
            publish(new EnrichedTransaction(asyncId, "cus_customer_0001", Instant.parse("2025-01-01T10:00:00Z"),
                    ProcessingPath.ASYNC, null, "skeleton-v0", Map.of("amount_log", Math.log1p(250_000),
                            "customer_txn_count", 0.0, "has_previous", 0.0, "seconds_since_previous", 0.0)));
            publish(new EnrichedTransaction(syncId, "cus_customer_0002", Instant.parse("2025-01-01T10:00:01Z"),
                    ProcessingPath.SYNC, syncVerdict, "skeleton-v0", Map.of("amount_log", Math.log1p(250_000))));

            Map<String, ScoredTransaction> verdicts = new HashMap<>();
            scored.next(2, Duration.ofSeconds(30)).forEach(r -> {
                ScoredTransaction t = SCORED.decode(r.value()).payload();
                verdicts.put(t.transactionId(), t);
            });
            assertThat(verdicts.get(asyncId).verdict().scorer()).isEqualTo(Scorer.RULES);
            assertThat(verdicts.get(asyncId).verdict().decision()).isEqualTo(Decision.REVIEW);
            assertThat(verdicts.get(syncId).verdict()).as("never scored twice").isEqualTo(syncVerdict);
            assertThat(alerts.next(1, Duration.ofSeconds(30))).extracting(r -> ALERTS.decode(r.value()).payload()
                    .transactionId()).containsExactly(asyncId);
            assertThat(new String(dlq.next(1, Duration.ofSeconds(30)).get(0).headers()
                    .lastHeader(DeadLetters.REASON_CODE).value(), StandardCharsets.UTF_8)).isEqualTo("UNPARSEABLE");
        }
    }

    @Test
    void aBurstLargerThanABatchIsScoredWholeWithNothingDeadLettered() {
        // Many full polls in a row: each micro-batch publishes its verdicts and alerts before its offsets are
        // committed, and none of the valid records may be lost or dead-lettered on the way.
        int count = 3_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        Instant start = Instant.parse("2025-02-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = "tx-burst-" + run + "-" + i;
            String customer = "cus_burst" + run + "n" + (i % 100);
            ids.add(id);
            // every third one is a large amount: REVIEW by the rules, so alerts are published in the same batches
            double amount = i % 3 == 0 ? 20_000_000 : 1_500;
            EnrichedTransaction enriched = new EnrichedTransaction(id, customer, start.plusSeconds(i),
                    ProcessingPath.ASYNC, null, "skeleton-v0", Map.of("amount_log", Math.log1p(amount),
                            "customer_txn_count", 0.0, "has_previous", 0.0, "seconds_since_previous", 0.0));
            records.add(new ProducerRecord<>(Topics.TRANSACTIONS_ENRICHED_NAME, customer,
                    ENRICHED.encode(EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched,
                            Instant.now()))));
        }
        Set<String> seen = new HashSet<>();
        try (TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED_NAME);
                TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED.dlqName())) {
            Infra.kafka().send(records);
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : scored.within(Duration.ofMillis(500))) {
                    String id = SCORED.decode(r.value()).payload().transactionId();
                    if (ids.contains(id)) {
                        seen.add(id);
                    }
                }
                return seen.size() == count;
            });
            assertThat(seen).isEqualTo(ids);
            assertThat(dlq.within(Duration.ofSeconds(1))).extracting(r -> new String(r.value(),
                    StandardCharsets.UTF_8)).noneMatch(v -> v.contains("tx-burst-" + run));
        }
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK);
    }

    private static void publish(EnrichedTransaction enriched) {
        Infra.kafka().produce(Topics.TRANSACTIONS_ENRICHED_NAME, enriched.customerPseudonym(),
                ENRICHED.encode(EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched,
                        Instant.now())));
    }

    @Test
    void aRawCardNumberIsRejectedWithoutBeingEchoed() {
        String pan = "4111111111111111";
        String withPan = MASKED.formatted(1_500L, 0L).replace("\"counterparty\"",
                "\"card\":{\"pan\":\"" + pan + "\",\"cvv\":\"123\"},\"counterparty\"");
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(withPan)
                .post("/api/v1/score").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(containsString("card")))
                .body(not(containsString(pan)))
                .body(not(containsString("123\"")));
    }

    @Test
    void routingErrorsAreProblemsToo() {
        String service = Tokens.bearer("service");
        given().header("Authorization", service).get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("status", equalTo(404));
        given().header("Authorization", service).get("/api/v1/score").then().statusCode(405)
                .contentType(containsString("application/problem+json")).body("status", equalTo(405));
        given().header("Authorization", service).contentType("text/plain").body("hello")
                .post("/api/v1/score").then().statusCode(415)
                .contentType(containsString("application/problem+json")).body("status", equalTo(415));
    }

    @Test
    void anInvalidTokenIsRejectedLikeAMissingOne() {
        given().header("Authorization", "Bearer not.a.token").contentType("application/json")
                .body(MASKED.formatted(1_500L, 0L))
                .post("/api/v1/score").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body("{\"transactionId\": ")
                .post("/api/v1/score").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body(not(containsString("Exception")));
    }
}
