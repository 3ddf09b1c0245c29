package io.openfraud.ingestion.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** decisions.reviewed against a real Kafka and PostgreSQL: the review shows beside the decision; bad records park. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class ReviewedDecisionTest {

    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,
             "currency":"EUR","customer":{"id":"alice-42"},"counterparty":{"id":"merchant-7"},
             "card":{"pan":"4111111111111111","cvv":"987","expiry":"12/29"}}""";
    private static final EventCodec<ReviewedDecision> CODEC = new EventCodec<>(Topics.DECISIONS_REVIEWED);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReviewShowsBesideTheDecisionOfRecordOnceEvenIfRedelivered() throws Exception {
        String id = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(id)).post("/api/v1/transactions").then().statusCode(202);
        ScoredTransaction scored = new ScoredTransaction(id, "cus_someone_0001", Instant.now(), ProcessingPath.ASYNC,
                new Verdict(0.91, Decision.DECLINE, List.of(), "rules-1", "skeleton-v0", Scorer.RULES, List.of()),
                Instant.now());
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, "cus_someone_0001",
                new EventCodec<>(Topics.TRANSACTIONS_SCORED).encode(EventEnvelope.of(Topics.TRANSACTIONS_SCORED,
                        Services.SCORING, scored, Instant.now())));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("review", nullValue());

        Instant reviewedAt = Instant.parse("2025-01-02T09:30:00Z");
        EventEnvelope<ReviewedDecision> event = EventEnvelope.of(Topics.DECISIONS_REVIEWED, Services.GOVERNANCE,
                new ReviewedDecision("alert-" + id, id, Decision.DECLINE, Decision.APPROVE, LabelValue.LEGIT,
                        "rev_8HqP2mXk4LzA", reviewedAt), Instant.now());
        byte[] encoded = CODEC.encode(event);
        Infra.kafka().produce(Topics.DECISIONS_REVIEWED_NAME, id, encoded);
        Infra.kafka().produce(Topics.DECISIONS_REVIEWED_NAME, id, encoded); // redelivery

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200)
                .body("decision", equalTo("DECLINE"))
                .body("review.originalDecision", equalTo("DECLINE"))
                .body("review.finalDecision", equalTo("APPROVE"))
                .body("review.outcome", equalTo("LEGIT"))
                .body("review.caseId", equalTo("alert-" + id))
                .body("review.reviewer", equalTo("rev_8HqP2mXk4LzA"))
                .body("review.reviewedAt", equalTo("2025-01-02T09:30:00Z"))
                .body("lineage.source", equalTo("API")));
        // a later review (same key, so same partition, after the redelivery): the latest is shown, each stored once
        Infra.kafka().produce(Topics.DECISIONS_REVIEWED_NAME, id, CODEC.encode(EventEnvelope.of(
                Topics.DECISIONS_REVIEWED, Services.GOVERNANCE, new ReviewedDecision("dsr-" + id, id, Decision.APPROVE,
                        Decision.DECLINE, LabelValue.FRAUD, "rev_Zq9PmXk4LzAb", reviewedAt.plusSeconds(3600)),
                Instant.now())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200).body("review.caseId", equalTo("dsr-" + id))
                .body("review.finalDecision", equalTo("DECLINE")).body("decision", equalTo("DECLINE")));
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM transaction_reviews WHERE transaction_id = ?")) {
            count.setString(1, id);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("the redelivered event is stored once").isEqualTo(2);
            }
        }
    }

    @Test
    void unreadableAndNonConformingReviewsGoToTheDeadLetterTopic() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.DECISIONS_REVIEWED.dlqName())) {
            Infra.kafka().produce(Topics.DECISIONS_REVIEWED_NAME, "poison", "{\"type\":\"decision.reviewed\"");
            List<ConsumerRecord<String, byte[]>> parked = dlq.next(1, Duration.ofSeconds(30));
            assertThat(header(parked.get(0), io.openfraud.events.DeadLetters.REASON_CODE)).isEqualTo("UNPARSEABLE");
            assertThat(parked.get(0).key()).isEqualTo("poison");

            // binds, but the reviewer is an e-mail address, not a pseudonym: never stored
            String id = "tx-" + UUID.randomUUID();
            byte[] named = CODEC.encode(EventEnvelope.of(Topics.DECISIONS_REVIEWED, Services.GOVERNANCE,
                    new ReviewedDecision("alert-1", id, Decision.DECLINE, Decision.APPROVE, LabelValue.LEGIT,
                            "jane.doe@example.org", Instant.now()), Instant.now()));
            Infra.kafka().produce(Topics.DECISIONS_REVIEWED_NAME, id, named);
            parked = dlq.next(1, Duration.ofSeconds(30));
            assertThat(header(parked.get(0), io.openfraud.events.DeadLetters.REASON_CODE))
                    .isEqualTo("SCHEMA_VIOLATION");
            assertThat(header(parked.get(0), io.openfraud.events.DeadLetters.REASON)).doesNotContain("jane.doe");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
