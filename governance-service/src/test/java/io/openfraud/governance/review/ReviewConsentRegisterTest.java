package io.openfraud.governance.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.governance.support.GovernanceTestResource;
import io.openfraud.governance.support.SubjectTokens;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.MongoTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Human review (Art. 22), consent with history, the record of processing and the catalogue of stored fields. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(GovernanceTestResource.class)
class ReviewConsentRegisterTest {

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void aSubjectsHumanReviewIsDecidedByAReviewerAndPublished() {
        String customer = "cust-" + UUID.randomUUID();
        String pseudonym = SubjectTokens.pseudonym(customer);
        String transactionId = "tx-" + UUID.randomUUID();
        scored(transactionId, pseudonym);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", Tokens.bearer("dpo"))
                .get("/api/v1/audit/transactions/" + transactionId).then().body("size()", equalTo(1)));

        String subject = SubjectTokens.bearer(pseudonym, "subject");
        String id = given().header("Authorization", subject).contentType(ContentType.JSON)
                .body(Map.of("type", "HUMAN_REVIEW", "subject", Map.of("customerId", customer), "jurisdiction", "EU",
                        "details", Map.of("transactionId", transactionId)))
                .post("/api/v1/dsr").then().statusCode(201).extract().path("id");
        given().header("Authorization", subject).post("/api/v1/dsr/" + id + "/identity/code").then().statusCode(202);
        String code = mongo.getDatabase(database).getCollection("identity_outbox").find(Filters.eq("requestId", id))
                .first().getString("code");
        given().header("Authorization", subject).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/dsr/" + id + "/identity/code/confirm").then().statusCode(200);
        String caseId = given().header("Authorization", Tokens.bearer("dpo")).post("/api/v1/dsr/" + id + "/approve")
                .then().statusCode(200).body("status", equalTo("IN_PROCESSING")).extract().path("details.caseId");

        given().header("Authorization", SubjectTokens.bearer("rev-1", "reviewer")).get("/api/v1/reviews?status=OPEN")
                .then().statusCode(200).body("caseId", hasItem(caseId));
        given().header("Authorization", Tokens.bearer("dpo")).contentType(ContentType.JSON)
                .body(Map.of("finalDecision", "APPROVE")).post("/api/v1/reviews/" + caseId + "/decision")
                .then().statusCode(403);
        try (TopicTail reviewed = Infra.kafka().tail(Topics.DECISIONS_REVIEWED_NAME);
                TopicTail labels = Infra.kafka().tail(Topics.LABELS_FEEDBACK_NAME)) {
            given().header("Authorization", SubjectTokens.bearer("rev-1", "reviewer")).contentType(ContentType.JSON)
                    .body(Map.of("finalDecision", "APPROVE", "comment", "known customer, travel"))
                    .post("/api/v1/reviews/" + caseId + "/decision").then().statusCode(200)
                    .body("status", equalTo("OVERTURNED")).body("originalDecision", equalTo("DECLINE"));
            ReviewedDecision review = new EventCodec<>(Topics.DECISIONS_REVIEWED)
                    .decode(reviewed.next(1, Duration.ofSeconds(30)).get(0).value()).payload();
            assertThat(review.caseId()).isEqualTo(caseId);
            assertThat(review.transactionId()).isEqualTo(transactionId);
            assertThat(review.originalDecision()).isEqualTo(Decision.DECLINE);
            assertThat(review.finalDecision()).isEqualTo(Decision.APPROVE);
            assertThat(review.outcome()).isEqualTo(LabelValue.LEGIT);
            assertThat(review.reviewer()).isEqualTo("rev-1");
            LabelFeedback label = new EventCodec<>(Topics.LABELS_FEEDBACK)
                    .decode(labels.next(1, Duration.ofSeconds(30)).get(0).value()).payload();
            assertThat(label.transactionId()).isEqualTo(transactionId);
            assertThat(label.source()).isEqualTo(LabelSource.REVIEW);
            assertThat(label.label()).isEqualTo(LabelValue.LEGIT);
        }
        given().header("Authorization", subject).get("/api/v1/dsr/" + id).then().statusCode(200)
                .body("status", equalTo("COMPLETE")).body("details.reviewOutcome.finalDecision", equalTo("APPROVE"));
        given().header("Authorization", SubjectTokens.bearer("rev-1", "reviewer")).contentType(ContentType.JSON)
                .body(Map.of("finalDecision", "DECLINE")).post("/api/v1/reviews/" + caseId + "/decision")
                .then().statusCode(409);
    }

    @Test
    void staffOpenCasesOnRecordedDecisionsOnlyAndCannotDecideTheirOwn() {
        String transactionId = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("analyst")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/decisions/" + transactionId + "/review").then().statusCode(404);
        scored(transactionId, SubjectTokens.pseudonym("c-" + UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", SubjectTokens.bearer("staff-9", "analyst", "reviewer"))
                .contentType(ContentType.JSON).body(Map.of("reason", "customer complaint"))
                .post("/api/v1/decisions/" + transactionId + "/review").then().statusCode(201));
        String caseId = given().header("Authorization", Tokens.bearer("reviewer")).get("/api/v1/reviews?status=OPEN")
                .then().extract().jsonPath().getString("find { it.transactionId == '" + transactionId + "' }.caseId");
        given().header("Authorization", SubjectTokens.bearer("staff-9", "analyst", "reviewer"))
                .contentType(ContentType.JSON).body(Map.of("finalDecision", "DECLINE"))
                .post("/api/v1/reviews/" + caseId + "/decision").then().statusCode(403);
        given().header("Authorization", SubjectTokens.bearer("staff-2", "reviewer")).contentType(ContentType.JSON)
                .body(Map.of("finalDecision", "DECLINE")).post("/api/v1/reviews/" + caseId + "/decision").then()
                .statusCode(200).body("status", equalTo("CONFIRMED"));
        given().header("Authorization", SubjectTokens.bearer("s", "subject")).contentType(ContentType.JSON)
                .body(Map.of()).post("/api/v1/decisions/" + transactionId + "/review").then().statusCode(403);
    }

    @Test
    void consentIsKeptPerPurposeWithHistoryAndOnlyForOneself() {
        String pseudonym = SubjectTokens.pseudonym("c-" + UUID.randomUUID());
        String subject = SubjectTokens.bearer(pseudonym, "subject");
        consent(pseudonym, "model-training", true, subject).then().statusCode(200)
                .body("current.model-training", equalTo(true));
        consent(pseudonym, "model-training", false, subject).then().statusCode(200)
                .body("current.model-training", equalTo(false)).body("history.size()", equalTo(2));
        consent(pseudonym, "profiling-for-fun", true, subject).then().statusCode(400);
        JsonPath record = given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/consents/" + pseudonym)
                .then().statusCode(200).extract().jsonPath();
        assertThat(record.getList("history.granted")).containsExactly(true, false);
        assertThat(record.getList("history.version")).containsExactly(1, 2);
        String other = SubjectTokens.bearer(SubjectTokens.pseudonym("other"), "subject");
        given().header("Authorization", other).get("/api/v1/consents/" + pseudonym).then().statusCode(404);
        consent(pseudonym, "analytics", true, other).then().statusCode(404);
        consent(pseudonym, "analytics", true, Tokens.bearer("dpo")).then().statusCode(403);
        Document audited = mongo.getDatabase(database).getCollection("audit_events")
                .find(Filters.eq("resource", "consent/" + pseudonym + "/model-training")).first();
        assertThat(audited.getString("action")).isEqualTo("CONSENT_GIVEN");
    }

    @Test
    void theRecordOfProcessingCoversArticle30AToG() {
        JsonPath ropa = given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/ropa").then()
                .statusCode(200).extract().jsonPath();
        assertThat(ropa.getString("controller.name")).isNotBlank();
        assertThat(ropa.getString("controller.dpo")).isNotBlank();
        List<Map<String, Object>> activities = ropa.getList("activities");
        assertThat(activities).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, Object> activity : activities) {
            assertThat(activity).containsKeys("purposes", "legalBasis", "dataSubjects", "dataCategories",
                    "recipients", "transfers", "retention", "security");
        }
        given().header("Authorization", Tokens.bearer("subject")).get("/api/v1/ropa").then().statusCode(403);
    }

    @Test
    void theCatalogueClassifiesEveryStoredField() {
        List<Map<String, Object>> fields = given().header("Authorization", Tokens.bearer("admin"))
                .get("/api/v1/catalog").then().statusCode(200).extract().jsonPath().getList("fields");
        assertThat(fields).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> field : fields) {
            assertThat(field.get("classification")).isIn("personal", "cardholder", "sensitive");
            assertThat(field).containsKeys("store", "field", "owner", "legalBasis", "retention");
        }
        assertThat(fields).extracting(f -> f.get("store")).contains("mongodb:governance.audit_events",
                "redis:features", "postgresql:ingestion.transactions");
    }

    @Test
    void everyTopicThatMayHoldPersonalDataIsCataloguedWithTheRetentionItIsCreatedWith() throws Exception {
        List<Map<String, Object>> fields = given().header("Authorization", Tokens.bearer("dpo"))
                .get("/api/v1/catalog").then().statusCode(200).extract().jsonPath().getList("fields");
        Map<String, String> retentionByStore = new java.util.HashMap<>();
        fields.forEach(f -> retentionByStore.put(String.valueOf(f.get("store")), String.valueOf(f.get("retention"))));
        Map<String, Duration> catalogued = new java.util.TreeMap<>();
        for (String name : Topics.allTopicNames()) {
            io.openfraud.events.Topic<?> topic = Topics.declaring(name).orElseThrow();
            if ("none".equals(topic.personalData())) {
                continue;
            }
            String retention = retentionByStore.get("kafka:" + name);
            assertThat(retention).as("catalogue entry of topic %s", name).isNotNull();
            java.time.Period period = java.time.Period.parse(retention);
            assertThat(period.getYears() == 0 && period.getMonths() == 0).as("%s: a period in days", retention)
                    .isTrue();
            catalogued.put(name, Duration.ofDays(period.getDays()));
            assertThat(catalogued.get(name)).as("retention of %s (libs/fraud-events Topics, which "
                    + "fraudctl, the Helm topics Job and the contracts document apply)", name)
                    .isEqualTo(topic.retention());
        }
        // The broker the test resource provisioned (TopicProvisioner) holds exactly the catalogue's retention.
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", Infra.kafka().bootstrapServers()))) {
            var configs = admin.describeConfigs(catalogued.keySet().stream().map(t -> new org.apache.kafka.common
                    .config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t)).toList())
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            Map<String, Duration> onBroker = new java.util.TreeMap<>();
            configs.forEach((resource, config) -> onBroker.put(resource.name(),
                    Duration.ofMillis(Long.parseLong(config.get("retention.ms").value()))));
            assertThat(onBroker).as("retention.ms on the broker vs the catalogue").isEqualTo(catalogued);
        }
    }

    private static io.restassured.response.Response consent(String pseudonym, String purpose, boolean granted,
            String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(Map.of("granted", granted))
                .put("/api/v1/consents/" + pseudonym + "/" + purpose);
    }

    private static void scored(String transactionId, String pseudonym) {
        Verdict verdict = new Verdict(0.97, Decision.DECLINE, List.of(new Reason("VELOCITY_HIGH", "tx_count_1h",
                0.7)), "mlp-7", "fs-3", Scorer.MODEL, List.of());
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, pseudonym, new EventCodec<>(Topics.TRANSACTIONS_SCORED)
                .encode(EventEnvelope.of(Topics.TRANSACTIONS_SCORED, Services.SCORING, new ScoredTransaction(
                        transactionId, pseudonym, Instant.now(), ProcessingPath.ASYNC, verdict, Instant.now()),
                        Instant.now())));
    }
}
