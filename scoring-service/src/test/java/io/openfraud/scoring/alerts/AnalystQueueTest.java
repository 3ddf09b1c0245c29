package io.openfraud.scoring.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.openfraud.scoring.RegistryStubResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The analyst queue and the subject-data interface on real Kafka and PostgreSQL: REVIEW decisions open one case per
 * transaction (REST, stream, redelivery), a resolution closes it once and publishes a label, and an erasure removes the
 * subject's cases and answers governance on gdpr.events.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "scoring"))
class AnalystQueueTest {

    private static final Duration FLOW = Duration.ofSeconds(30);
    private static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private static final EventCodec<ScoredTransaction> SCORED = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private static final EventCodec<LabelFeedback> LABELS = new EventCodec<>(Topics.LABELS_FEEDBACK);
    private static final EventCodec<GdprCommand> COMMANDS = new EventCodec<>(Topics.GDPR_COMMANDS);
    private static final EventCodec<GdprEvent> EVENTS = new EventCodec<>(Topics.GDPR_EVENTS);

    /** Without a feature vector (the stub has none for these ids) the rules score the amount: 200,000.00 is REVIEW. */
    private static final String MASKED = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"TRANSFER","amountMinor":%d,
             "currency":"EUR","customer":{"pseudonym":"%s","balanceBeforeMinor":%d,
             "balanceAfterMinor":0},"counterparty":{"pseudonym":"cpt_pseudonym_1"}}""";
    private static final long REVIEW_AMOUNT = 20_000_000L;

    private static String newPseudonym() {
        return "cus_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String newTransaction() {
        return "tx-" + UUID.randomUUID();
    }

    /** Scores over REST as ingestion does; returns the decision. */
    private static String score(String transactionId, String pseudonym, long amountMinor) {
        return given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(transactionId, amountMinor, pseudonym, amountMinor))
                .post("/api/v1/score").then().statusCode(200).extract().path("decision");
    }

    /** Every case of the queue in {@code status}, page by page, oldest first. */
    private static List<Map<String, Object>> queue(String status) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath body = given().header("Authorization", Tokens.bearer("analyst"))
                    .queryParam("status", status).queryParam("page", page).queryParam("size", 100)
                    .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            all.addAll(items);
            if (items.size() < 100) {
                assertThat(body.getLong("total")).isEqualTo(all.size());
                return all;
            }
        }
    }

    private static List<Map<String, Object>> casesOf(String transactionId, String status) {
        return queue(status).stream().filter(c -> transactionId.equals(c.get("transactionId"))).toList();
    }

    private static void publishSync(String transactionId, String pseudonym, Verdict verdict) {
        EnrichedTransaction enriched = new EnrichedTransaction(transactionId, pseudonym, Instant.now(),
                ProcessingPath.SYNC, verdict, "features-v1", Map.of("amount_log", 12.0));
        Infra.kafka().produce(Topics.TRANSACTIONS_ENRICHED_NAME, pseudonym, ENRICHED.encode(EventEnvelope.of(
                Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, enriched, Instant.now())));
    }

    private static Verdict review() {
        return new Verdict(0.72, Decision.REVIEW, List.of(new Reason("AMOUNT_HIGH", "amount_log", 0.3)), "champion-3",
                "features-v1", Scorer.MODEL, List.of());
    }

    /** Waits until {@code count} verdicts for each transaction are on transactions.scored (records processed). */
    private static void awaitScored(TopicTail scored, int count, String... transactionIds) {
        List<String> seen = new ArrayList<>();
        await().atMost(FLOW).until(() -> {
            for (ConsumerRecord<String, byte[]> r : scored.within(Duration.ofMillis(200))) {
                seen.add(SCORED.decode(r.value()).payload().transactionId());
            }
            return List.of(transactionIds).stream()
                    .allMatch(id -> seen.stream().filter(id::equals).count() >= count);
        });
    }

    @Test
    void aReviewDecisionOpensExactlyOneCaseWhateverPathAndRedeliveryReportIt() {
        String pseudonym = newPseudonym();
        String restId = newTransaction();
        String approvedId = newTransaction();
        assertThat(score(restId, pseudonym, REVIEW_AMOUNT)).isEqualTo("REVIEW");
        assertThat(score(approvedId, pseudonym, 1_500L)).isEqualTo("APPROVE");

        List<Map<String, Object>> cases = casesOf(restId, "OPEN");
        assertThat(cases).hasSize(1);
        Map<String, Object> opened = cases.get(0);
        assertThat(opened.get("customerPseudonym")).isEqualTo(pseudonym);
        assertThat(opened.get("decision")).isEqualTo("REVIEW");
        assertThat(opened.get("modelVersion")).isEqualTo("rules-1");
        assertThat(opened.get("createdAt")).isNotNull();
        assertThat(((Number) opened.get("score")).doubleValue()).isBetween(0.5, 0.9);
        List<String> codes = ((List<?>) opened.get("reasons")).stream()
                .map(r -> String.valueOf(((Map<?, ?>) r).get("code"))).toList();
        assertThat(codes).contains("AMOUNT_VERY_HIGH");
        assertThat(casesOf(approvedId, "OPEN")).as("APPROVE opens no case").isEmpty();

        String streamId = newTransaction();
        try (TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED_NAME)) {
            // The SYNC copy of the REST decision, delivered twice; and a stream-only REVIEW delivered twice.
            publishSync(restId, pseudonym, review());
            publishSync(restId, pseudonym, review());
            publishSync(streamId, pseudonym, review());
            publishSync(streamId, pseudonym, review());
            awaitScored(scored, 2, restId, streamId);
        }
        assertThat(casesOf(restId, "OPEN")).as("the REST case, not a second one").hasSize(1)
                .first().satisfies(c -> assertThat(c.get("id")).isEqualTo(opened.get("id")));
        List<Map<String, Object>> streamCases = casesOf(streamId, "OPEN");
        assertThat(streamCases).hasSize(1);
        assertThat(streamCases.get(0).get("modelVersion")).isEqualTo("champion-3");

        // Oldest first: the REST case was opened before the stream's.
        List<Object> order = queue("OPEN").stream().map(c -> c.get("transactionId"))
                .filter(id -> id.equals(restId) || id.equals(streamId)).map(Object.class::cast).toList();
        assertThat(order).containsExactly(restId, streamId);
    }

    @Test
    void aResolutionClosesTheCaseOncePublishesAnAnalystLabelAndASecondIsAConflict() {
        String pseudonym = newPseudonym();
        String transactionId = newTransaction();
        assertThat(score(transactionId, pseudonym, REVIEW_AMOUNT)).isEqualTo("REVIEW");
        String id = (String) casesOf(transactionId, "OPEN").get(0).get("id");

        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("transactionId", equalTo(transactionId)).body("status", equalTo("OPEN"));

        try (TopicTail labels = Infra.kafka().tail(Topics.LABELS_FEEDBACK_NAME)) {
            given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                    .body("{\"outcome\":\"FRAUD\",\"note\":\"customer confirmed the transfer was not theirs\"}")
                    .post("/api/v1/alerts/" + id + "/resolution").then().statusCode(200)
                    .body("status", equalTo("RESOLVED")).body("outcome", equalTo("FRAUD"))
                    .body("resolvedBy", equalTo("test")).body("resolvedAt", notNullValue())
                    .body("note", equalTo("customer confirmed the transfer was not theirs"));

            ConsumerRecord<String, byte[]> record = labels.next(1, FLOW).get(0);
            assertThat(record.key()).isEqualTo(transactionId);
            assertThat(SchemaValidator.shared().validate(Topics.LABELS_FEEDBACK, record.value())).isEmpty();
            EventEnvelope<LabelFeedback> envelope = LABELS.decode(record.value());
            assertThat(envelope.producer()).isEqualTo(Services.SCORING);
            assertThat(envelope.payload().transactionId()).isEqualTo(transactionId);
            assertThat(envelope.payload().label()).isEqualTo(LabelValue.FRAUD);
            assertThat(envelope.payload().source()).isEqualTo(LabelSource.ANALYST);

            given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                    .body("{\"outcome\":\"LEGIT\",\"note\":\"second thoughts\"}")
                    .post("/api/v1/alerts/" + id + "/resolution").then().statusCode(409)
                    .contentType(containsString("application/problem+json")).body("status", equalTo(409));
            assertThat(labels.within(Duration.ofSeconds(2))).as("no label for a refused resolution")
                    .noneMatch(r -> transactionId.equals(r.key()));
        }
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/alerts/" + id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("outcome", equalTo("FRAUD"));
        assertThat(casesOf(transactionId, "OPEN")).isEmpty();
        assertThat(casesOf(transactionId, "RESOLVED")).hasSize(1);
    }

    @Test
    void rolesAreEnforcedAndBadInputIsAProblem() {
        String pseudonym = newPseudonym();
        String transactionId = newTransaction();
        score(transactionId, pseudonym, REVIEW_AMOUNT);
        String id = (String) casesOf(transactionId, "OPEN").get(0).get("id");
        String resolution = "{\"outcome\":\"LEGIT\",\"note\":\"known customer\"}";

        // An admin may read the queue but not resolve; the service role may do neither; nobody without a token.
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(resolution)
                .post("/api/v1/alerts/" + id + "/resolution").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/alerts").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().contentType("application/json").body(resolution)
                .post("/api/v1/alerts/" + id + "/resolution").then().statusCode(401);
        given().header("Authorization", Tokens.bearer("analyst")).get("/internal/v1/subjects/" + pseudonym)
                .then().statusCode(403);

        String analyst = Tokens.bearer("analyst");
        given().header("Authorization", analyst).contentType("application/json")
                .body("{\"outcome\":\"MAYBE\"}").post("/api/v1/alerts/" + id + "/resolution").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("outcome"));
        String pan = "4111 1111 1111 1111";
        given().header("Authorization", analyst).contentType("application/json")
                .body("{\"outcome\":\"FRAUD\",\"note\":\"card " + pan + "\"}")
                .post("/api/v1/alerts/" + id + "/resolution").then().statusCode(400)
                .body("errors.field", hasItem("note")).body(not(containsString(pan)));
        given().header("Authorization", analyst).queryParam("status", "LOST").get("/api/v1/alerts").then()
                .statusCode(400).body("errors.field", hasItem("status"));
        given().header("Authorization", analyst).queryParam("size", 0).get("/api/v1/alerts").then().statusCode(400);
        given().header("Authorization", analyst).get("/api/v1/alerts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", analyst).contentType("application/json").body(resolution)
                .post("/api/v1/alerts/" + UUID.randomUUID() + "/resolution").then().statusCode(404);
        // none of the refused resolutions closed the case
        given().header("Authorization", analyst).get("/api/v1/alerts/" + id).then().body("status", equalTo("OPEN"));
    }

    @Test
    void theSubjectDataInterfaceReportsAndErasesTheSubjectsCases() {
        String pseudonym = newPseudonym();
        String other = newPseudonym();
        String first = newTransaction();
        String second = newTransaction();
        score(first, pseudonym, REVIEW_AMOUNT);
        score(second, pseudonym, REVIEW_AMOUNT);
        score(newTransaction(), other, REVIEW_AMOUNT);
        String firstId = (String) casesOf(first, "OPEN").get(0).get("id");
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body("{\"outcome\":\"LEGIT\"}").post("/api/v1/alerts/" + firstId + "/resolution").then()
                .statusCode(200);

        String service = Tokens.bearer("service");
        given().header("Authorization", service).get("/internal/v1/subjects/" + pseudonym).then().statusCode(200)
                .body("service", equalTo(Services.SCORING))
                .body("records[0].store", equalTo("postgresql:scoring.alert_cases"))
                .body("records[0].category", equalTo("decision"))
                .body("records[0].data.transactionId", org.hamcrest.Matchers.containsInAnyOrder(first, second))
                .body("records[0].data.find { it.transactionId == '" + first + "' }.outcome", equalTo("LEGIT"));

        JsonPath erased = given().header("Authorization", service).delete("/internal/v1/subjects/" + pseudonym)
                .then().statusCode(200).extract().jsonPath();
        assertThat(erased.getList("effects.records", Integer.class)).containsExactly(2, 1);
        assertThat(erased.getList("effects.effect", String.class)).containsOnly("ERASED");
        given().header("Authorization", service).get("/internal/v1/subjects/" + pseudonym).then().statusCode(200)
                .body("records.size()", equalTo(0));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/alerts/" + firstId).then()
                .statusCode(404);
        assertThat(casesOf(second, "OPEN")).isEmpty();
        // Idempotent, and only that subject's cases went.
        given().header("Authorization", service).delete("/internal/v1/subjects/" + pseudonym).then().statusCode(200)
                .body("effects.records", org.hamcrest.Matchers.everyItem(equalTo(0)));
        given().header("Authorization", service).get("/internal/v1/subjects/" + other).then()
                .body("records[0].data.size()", equalTo(1));
    }

    @Test
    void governanceCommandsAreCarriedOutAndAnsweredOnGdprEvents() {
        String pseudonym = newPseudonym();
        String transactionId = newTransaction();
        score(transactionId, pseudonym, REVIEW_AMOUNT);
        score(newTransaction(), pseudonym, REVIEW_AMOUNT);

        try (TopicTail answers = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME)) {
            GdprEvent restricted = command(answers, Action.RESTRICT, pseudonym);
            assertThat(restricted.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(restricted.service()).isEqualTo(Services.SCORING);
            assertThat(restricted.effects()).singleElement().satisfies(effect -> {
                assertThat(effect.effect()).isEqualTo(StoreEffect.Effect.RETAINED);
                assertThat(effect.records()).isEqualTo(2L);
                assertThat(effect.deleteAfter()).isAfter(java.time.LocalDate.now());
            });
            assertThat(casesOf(transactionId, "OPEN")).as("a restriction keeps the cases").hasSize(1);

            GdprEvent erased = command(answers, Action.ERASE, pseudonym);
            assertThat(erased.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(erased.effects()).extracting(StoreEffect::store)
                    .containsOnly("postgresql:scoring.alert_cases");
            assertThat(erased.effects()).extracting(StoreEffect::effect).containsOnly(StoreEffect.Effect.ERASED);
            assertThat(erased.effects()).extracting(StoreEffect::records).containsExactly(2L, 0L);
            assertThat(casesOf(transactionId, "OPEN")).isEmpty();
            given().header("Authorization", Tokens.bearer("service")).get("/internal/v1/subjects/" + pseudonym)
                    .then().body("records.size()", equalTo(0));

            GdprEvent again = command(answers, Action.ERASE, pseudonym);
            assertThat(again.effects()).extracting(StoreEffect::records).containsExactly(0L, 0L);
        }
    }

    @Test
    void anUnreadableCommandIsDeadLettered() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.GDPR_COMMANDS.dlqName())) {
            Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, "scoring-dlq-test", "{\"type\":\"gdpr.command\"}");
            assertThat(dlq.next(1, FLOW).get(0).headers().lastHeader(io.openfraud.events.DeadLetters.REASON_CODE))
                    .isNotNull();
        }
    }

    /** Sends a command as governance does and returns this service's answer, checked against the topic schema. */
    private static GdprEvent command(TopicTail answers, Action action, String pseudonym) {
        String requestId = "dsr-" + UUID.randomUUID();
        GdprCommand command = new GdprCommand(requestId, action, pseudonym, Instant.now(),
                Instant.now().plus(Duration.ofDays(30)));
        Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, pseudonym,
                COMMANDS.encode(EventEnvelope.of(Topics.GDPR_COMMANDS, Services.GOVERNANCE, command, Instant.now())));
        long deadline = System.nanoTime() + FLOW.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : answers.within(Duration.ofMillis(300))) {
                GdprEvent event = EVENTS.decode(record.value()).payload();
                if (event.requestId().equals(requestId) && Services.SCORING.equals(event.service())) {
                    assertThat(record.key()).isEqualTo(requestId);
                    // Governance dead-letters an answer that breaks the topic's contract (a RETAINED effect names its
                    // legal basis and deletion date), and the request would never complete.
                    assertThat(SchemaValidator.shared().validate(Topics.GDPR_EVENTS, record.value()))
                            .as("%s answer on gdpr.events", action).isEmpty();
                    return event;
                }
            }
        }
        throw new AssertionError("no answer to " + requestId + " on gdpr.events within " + FLOW);
    }
}
