package io.openfraud.retraining.labels;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.openfraud.events.DeadLetters;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.retraining.Events;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.web.problem.Problem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Labels from labels.feedback and the API, on real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class LabelsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String tx() {
        return "tx-" + UUID.randomUUID();
    }

    private static io.restassured.response.ValidatableResponse label(String transactionId) {
        return given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/labels/{id}", transactionId)
                .then();
    }

    @Test
    void theLatestObservedLabelWinsWhateverTheArrivalOrderAndTheHistoryKeepsAll() {
        String a = tx();
        Events.publishLabel(a, LabelValue.LEGIT, LabelSource.IMPORT, "2025-03-01T10:00:00Z");
        Events.publishLabel(a, LabelValue.FRAUD, LabelSource.CHARGEBACK, "2025-03-20T10:00:00Z");
        Events.publishLabel(a, LabelValue.LEGIT, LabelSource.ANALYST, "2025-03-05T10:00:00Z");
        await().atMost(WAIT).untilAsserted(() -> label(a).statusCode(200).body("history.size()", equalTo(3)));
        label(a).body("current.label", equalTo("FRAUD")).body("current.source", equalTo("CHARGEBACK"))
                .body("current.channel", equalTo("KAFKA"))
                .body("history.observedAt", contains("2025-03-20T10:00:00Z", "2025-03-05T10:00:00Z",
                        "2025-03-01T10:00:00Z"));

        // same instant: source precedence decides (CHARGEBACK over ANALYST), not arrival order
        String b = tx();
        Events.publishLabel(b, LabelValue.FRAUD, LabelSource.CHARGEBACK, "2025-03-02T10:00:00Z");
        Events.publishLabel(b, LabelValue.LEGIT, LabelSource.ANALYST, "2025-03-02T10:00:00Z");
        await().atMost(WAIT).untilAsserted(() -> label(b).statusCode(200).body("history.size()", equalTo(2)));
        label(b).body("current.label", equalTo("FRAUD")).body("current.source", equalTo("CHARGEBACK"));
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        String a = tx();
        double before = duplicates();
        byte[] event = Events.label(a, LabelValue.FRAUD, LabelSource.ANALYST, "2025-03-01T10:00:00Z");
        Events.publish(Topics.LABELS_FEEDBACK, a, event);
        Events.publish(Topics.LABELS_FEEDBACK, a, event);
        // same key, same partition: once the copy has been recognised as a duplicate, both have been handled
        await().atMost(WAIT).until(() -> duplicates() >= before + 1);
        label(a).statusCode(200).body("history.size()", equalTo(1));
    }

    private static double duplicates() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double v = Events.sample(metrics, "openfraud_labels_duplicates_total", Map.of());
        return Double.isNaN(v) ? 0 : v;
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithReasonCodesAndTheRestIsStored() {
        String good = tx();
        try (TopicTail dlq = Infra.kafka().tail(Topics.LABELS_FEEDBACK.dlqName())) {
            Events.publish(Topics.LABELS_FEEDBACK, "k1", "not json".getBytes(StandardCharsets.UTF_8));
            Events.publish(Topics.LABELS_FEEDBACK, "k2", Events.encode(Topics.DECISIONS_REVIEWED, Services.SCORING,
                    new io.openfraud.events.label.ReviewedDecision("case-1", "tx-1", Decision.DECLINE,
                            Decision.APPROVE, LabelValue.LEGIT, "rev_1", Instant.now()))
                    .clone());
            // valid JSON of the right type whose transaction id is shaped like a card number
            Events.publish(Topics.LABELS_FEEDBACK, "k3", Events.label("4111111111111111", LabelValue.FRAUD,
                    LabelSource.ANALYST, "2025-03-01T10:00:00Z"));
            Events.publishLabel(good, LabelValue.FRAUD, LabelSource.REVIEW, "2025-03-01T10:00:00Z");
            List<ConsumerRecord<String, byte[]>> dead = dlq.next(3, WAIT);
            Map<String, String> codes = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                    r -> new String(r.headers().lastHeader(DeadLetters.REASON_CODE).value(), StandardCharsets.UTF_8)));
            assertThat(codes).containsEntry("k1", "UNPARSEABLE").containsEntry("k2", "WRONG_EVENT_TYPE")
                    .containsEntry("k3", "SCHEMA_VIOLATION");
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.TOPIC).value(),
                    StandardCharsets.UTF_8)).isEqualTo(Topics.LABELS_FEEDBACK_NAME);
        }
        await().atMost(WAIT).untilAsserted(() -> label(good).statusCode(200).body("current.source",
                equalTo("REVIEW")));
        label("4111111111111111").statusCode(404);
    }

    @Test
    void theApiStoresALabelOnceWithAnIdempotencyKey() {
        String a = tx();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("transactionId", a, "label", "FRAUD", "source", "ANALYST", "observedAt",
                "2025-03-03T09:00:00Z");
        given().header("Authorization", Tokens.bearer("analyst")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/labels").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/labels/" + a))
                .body("label", equalTo("FRAUD")).body("channel", equalTo("API")).body("labelId", equalTo(key));
        given().header("Authorization", Tokens.bearer("analyst")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/labels").then().statusCode(200)
                .body("labelId", equalTo(key));
        given().header("Authorization", Tokens.bearer("analyst")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("transactionId", a, "label", "LEGIT", "source", "ANALYST",
                        "observedAt", "2025-03-03T09:00:00Z"))
                .post("/api/v1/labels").then().statusCode(409).contentType(Problem.MEDIA_TYPE);
        label(a).statusCode(200).body("history.size()", equalTo(1)).body("current.label", equalTo("FRAUD"));

        // without observedAt the label is observed now, and a later one wins over the earlier
        given().header("Authorization", Tokens.bearer("reviewer")).contentType(ContentType.JSON)
                .body(Map.of("transactionId", a, "label", "LEGIT", "source", "REVIEW")).post("/api/v1/labels").then()
                .statusCode(201);
        label(a).body("current.label", equalTo("LEGIT")).body("history.size()", equalTo(2));
    }

    @Test
    void labelsReceivedSinceAnInstantAreCountedBySource() {
        // Other tests of this JVM may still be storing labels: count relative to what is there when this one starts.
        String since = java.time.Instant.now().toString();
        long importsBefore = count("IMPORT", since);
        long allBefore = count(null, since);
        Events.publishLabel(tx(), LabelValue.FRAUD, LabelSource.IMPORT, "2025-03-05T10:00:00Z");
        Events.publishLabel(tx(), LabelValue.LEGIT, LabelSource.IMPORT, "2025-03-05T10:00:00Z");
        Events.publishLabel(tx(), LabelValue.LEGIT, LabelSource.CHARGEBACK, "2025-03-05T10:00:00Z");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> count(null, since) >= allBefore + 3);
        assertThat(count("IMPORT", since)).isEqualTo(importsBefore + 2);
        given().header("Authorization", Tokens.bearer("service")).queryParam("source", "IMPORT")
                .queryParam("receivedSince", since).get("/api/v1/labels/count").then().statusCode(200)
                .body("source", equalTo("IMPORT"));
        given().header("Authorization", Tokens.bearer("service")).queryParam("receivedSince", "2999-01-01T00:00:00Z")
                .get("/api/v1/labels/count").then().statusCode(200).body("count", equalTo(0));
        given().header("Authorization", Tokens.bearer("service")).queryParam("source", "RUMOUR")
                .get("/api/v1/labels/count").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("source", "receivedSince"));
        given().header("Authorization", Tokens.bearer("reviewer")).queryParam("receivedSince", since)
                .get("/api/v1/labels/count").then().statusCode(403);
    }

    private static long count(String source, String since) {
        var request = given().header("Authorization", Tokens.bearer("service")).queryParam("receivedSince", since);
        if (source != null) {
            request = request.queryParam("source", source);
        }
        return request.get("/api/v1/labels/count").then().statusCode(200).extract().jsonPath().getLong("count");
    }

    @Test
    void badInputIsAProblemNamingEveryBadField() {
        given().header("Authorization", Tokens.bearer("service")).header("Idempotency-Key", "not-a-uuid")
                .contentType(ContentType.JSON)
                .body(Map.of("transactionId", "4111 1111 1111 1111", "observedAt", "2999-01-01T00:00:00Z"))
                .post("/api/v1/labels").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("transactionId", "label", "source", "observedAt", "Idempotency-Key"))
                .body("detail", startsWith("The label"));
        given().header("Authorization", Tokens.bearer("service")).contentType(ContentType.JSON)
                .body("{\"transactionId\":\"tx-1\",\"label\":\"MAYBE\",\"source\":\"IMPORT\"}").post("/api/v1/labels")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", contains("label"));
        given().contentType(ContentType.JSON).body(Map.of("transactionId", "tx-1")).post("/api/v1/labels").then()
                .statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", Tokens.bearer("subject")).get("/api/v1/labels/tx-1").then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        label(tx()).statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
