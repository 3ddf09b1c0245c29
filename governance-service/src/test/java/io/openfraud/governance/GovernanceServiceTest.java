package io.openfraud.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.MongoTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.Tokens;
import io.openfraud.governance.support.GovernanceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Boots governance-service against Kafka and a MongoDB wire-compatible server (mongo-java-server: no MongoDB server
 * can be installed here): endpoints, security and the decision audit trail.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(GovernanceTestResource.class)
class GovernanceServiceTest {

    private static final EventCodec<ScoredTransaction> SCORED = new EventCodec<>(Topics.TRANSACTIONS_SCORED);

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("governance-service");
    }

    @Test
    void readinessChecksMongoAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.MONGO_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isPositive();
    }

    @Test
    void everyDecisionIsAuditedOnceInAHashChain() {
        String first = "tx-" + UUID.randomUUID();
        String second = "tx-" + UUID.randomUUID();
        EventEnvelope<ScoredTransaction> event = scored(first, Decision.DECLINE);
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "k", SCORED.encode(event));
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "k", SCORED.encode(event)); // redelivery
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "k", "not json at all");
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "k", SCORED.encode(scored(second, Decision.APPROVE)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> audit(second).then().body("$", hasSize(1)));
        JsonPath firstEntry = audit(first).then().statusCode(200).body("$", hasSize(1))
                .body("[0].details.decision", equalTo("DECLINE")).body("[0].details.modelVersion", equalTo("rules-1"))
                .body("[0].details.reasons[0]", equalTo("AMOUNT_VERY_HIGH")).body("[0].actor", equalTo("scoring-service"))
                .body("[0].origin", equalTo("kafka:transactions.scored")).body("[0].outcome", equalTo("SUCCESS"))
                .body("[0].resource", equalTo("transaction/" + first)).extract().jsonPath();
        JsonPath secondEntry = audit(second).then().extract().jsonPath();
        assertThat(secondEntry.getString("[0].previousHash")).isEqualTo(firstEntry.getString("[0].hash"));
        assertThat(secondEntry.getLong("[0].sequence")).isEqualTo(firstEntry.getLong("[0].sequence") + 1);
    }

    private static io.restassured.response.Response audit(String transactionId) {
        return given().header("Authorization", Tokens.bearer("dpo"))
                .get("/api/v1/audit/transactions/" + transactionId);
    }

    private static EventEnvelope<ScoredTransaction> scored(String transactionId, Decision decision) {
        Verdict verdict = new Verdict(decision == Decision.APPROVE ? 0.1 : 0.95, decision,
                List.of(new Reason("AMOUNT_VERY_HIGH", "amount_log", 0.6)), "rules-1", "skeleton-v0", Scorer.RULES,
                List.of());
        return EventEnvelope.of(Topics.TRANSACTIONS_SCORED, Services.SCORING, new ScoredTransaction(transactionId,
                "cus_subject_00001", Instant.now(), ProcessingPath.ASYNC, verdict, Instant.now()), Instant.now());
    }
}
