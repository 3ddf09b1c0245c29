package io.openfraud.governance.dsr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.governance.support.GovernanceTestResource;
import io.openfraud.governance.support.SubjectTokens;
import io.openfraud.governance.support.TestClock;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Data-subject requests end to end inside governance: lifecycle and identity verification, deadlines, gdpr.commands
 * and the answers on gdpr.events (real Kafka), the REST fan-out for access and portability (peer stand-ins), the
 * time-out with an injectable clock, object-level access for subjects (OWASP API1), and the audit of every step.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(GovernanceTestResource.class)
class DataSubjectRequestTest {

    private static final EventCodec<GdprCommand> COMMANDS = new EventCodec<>(Topics.GDPR_COMMANDS);
    private static final EventCodec<GdprEvent> ANSWERS = new EventCodec<>(Topics.GDPR_EVENTS);
    private static final String PAN = "4111111111111111";

    @Inject
    MongoClient mongo;

    @Inject
    DsrService requests;

    @Inject
    TestClock clock;

    @Inject
    io.openfraud.governance.retention.RetentionPurge purge;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void approvalIsRefusedWithoutAVerifiedIdentityAndTheCodeGoesOnlyToTheOutbox() {
        String customer = "cust-" + UUID.randomUUID();
        String id = file("ERASURE", Map.of("customerId", customer), "EU", Tokens.bearer("admin"))
                .then().statusCode(201).body("status", equalTo("IDENTITY_UNVERIFIED"))
                .body("subjectPseudonym", equalTo(SubjectTokens.pseudonym(customer)))
                .body("subjectPseudonym", not(containsString(customer))).extract().path("id");

        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("identity"));
        post(id, "approve", Tokens.bearer("admin"), null).then().statusCode(403);

        String response = post(id, "identity/code", Tokens.bearer("admin"), null).then().statusCode(202)
                .extract().asString();
        String code = outboxCode(id);
        assertThat(response).doesNotContain(code);
        post(id, "identity/code/confirm", Tokens.bearer("admin"), Map.of("code", wrong(code))).then().statusCode(422);
        post(id, "identity/code/confirm", Tokens.bearer("admin"), Map.of("code", code)).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("verificationMethod", equalTo("ONE_TIME_CODE"));

        List<String> actions = given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + id + "/audit")
                .then().statusCode(200).extract().jsonPath().getList("action");
        assertThat(actions).containsSubsequence("DSR_RECEIVED", "DSR_APPROVED", "DSR_IDENTITY_CODE_SENT",
                "DSR_IDENTITY_VERIFIED", "DSR_IDENTITY_VERIFIED");
        List<String> outcomes = given().header("Authorization", Tokens.bearer("dpo"))
                .get("/api/v1/dsr/" + id + "/audit").then().extract().jsonPath().getList("outcome");
        assertThat(outcomes).contains("DENIED", "SUCCESS");
    }

    @Test
    void erasureCompletesWhenEveryExpectedServiceAnsweredAndListsWhatWasRemovedAndRetained() {
        String customer = "cust-" + UUID.randomUUID();
        String pseudonym = SubjectTokens.pseudonym(customer);
        String access = verifiedByOperator("ACCESS", Map.of("customerId", customer), "EU");
        post(access, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("COMPLETE"));
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + access + "/export").then()
                .statusCode(200);
        String id = verifiedByOperator("ERASURE", Map.of("customerId", customer), "EU");
        try (TopicTail commands = Infra.kafka().tail(Topics.GDPR_COMMANDS_NAME)) {
            post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200)
                    .body("status", equalTo("IN_PROCESSING")).body("reviewer", containsString("dpo"))
                    .body("missingServices", hasItems(Services.INGESTION, Services.FEATURE));
            ConsumerRecord<String, byte[]> record = commands.next(1, Duration.ofSeconds(30)).get(0);
            GdprCommand command = COMMANDS.decode(record.value()).payload();
            assertThat(record.key()).isEqualTo(pseudonym);
            assertThat(command.requestId()).isEqualTo(id);
            assertThat(command.action()).isEqualTo(GdprCommand.Action.ERASE);
            assertThat(command.subjectPseudonym()).isEqualTo(pseudonym);
        }
        // Governance's own copy of the subject's data (the earlier access export) is gone with the command.
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + access + "/export").then()
                .statusCode(404);
        answer(id, Services.INGESTION, pseudonym, List.of(
                new StoreEffect("postgresql:ingestion.subject_personal_data", "email, name", 1,
                        StoreEffect.Effect.ERASED, null, null),
                new StoreEffect("postgresql:ingestion.transactions", "customer_pseudonym", 12,
                        StoreEffect.Effect.RETAINED, "AML Directive (EU) 2015/849 Art. 40: five years",
                        LocalDate.of(2031, 5, 10))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(id, Tokens.bearer("dpo"))
                .then().body("missingServices", equalTo(List.of(Services.FEATURE))));
        get(id, Tokens.bearer("dpo")).then().body("status", equalTo("IN_PROCESSING"));

        answer(id, Services.FEATURE, pseudonym, List.of(new StoreEffect("redis:features", "cust:" + pseudonym + ":*",
                3, StoreEffect.Effect.ERASED, null, null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(id, Tokens.bearer("dpo"))
                .then().body("status", equalTo("COMPLETE")));
        JsonPath view = get(id, Tokens.bearer("dpo")).then().extract().jsonPath();
        assertThat(view.getList("removed.store")).containsExactlyInAnyOrder("redis:features",
                "postgresql:ingestion.subject_personal_data");
        assertThat(view.getString("retained[0].legalBasis")).contains("AML");
        assertThat(view.getString("retained[0].deleteAfter")).isEqualTo("2031-05-10");
        assertThat(view.getInt("retained[0].records")).isEqualTo(12);
        assertThat(view.getString("retained[0].service")).isEqualTo(Services.INGESTION);
    }

    @Test
    void erasureGoesToErrorNamingTheServicesThatDidNotAnswerInTime() {
        String customer = "cust-" + UUID.randomUUID();
        String pseudonym = SubjectTokens.pseudonym(customer);
        String id = verifiedByOperator("OBJECTION", Map.of("customerId", customer), "EU");
        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("IN_PROCESSING"));
        answer(id, Services.INGESTION, pseudonym, List.of(new StoreEffect("postgresql:ingestion.processing_limits",
                "customer_pseudonym", 1, StoreEffect.Effect.PSEUDONYMISED, null, null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> get(id, Tokens.bearer("dpo"))
                .then().body("missingServices", equalTo(List.of(Services.FEATURE))));

        requests.checkTimeouts();
        get(id, Tokens.bearer("dpo")).then().body("status", equalTo("IN_PROCESSING"));
        clock.advance(Duration.ofDays(3));
        requests.checkTimeouts();
        get(id, Tokens.bearer("dpo")).then().body("status", equalTo("ERROR"))
                .body("statusReason", containsString(Services.FEATURE))
                .body("statusReason", not(containsString(Services.INGESTION)));
    }

    @Test
    void accessExportFansOutWithRetriesAndHoldsTheSubjectsDataDecisionsAndPurposesOnly() {
        String customer = "cust-" + UUID.randomUUID();
        String pseudonym = SubjectTokens.pseudonym(customer);
        String transactionId = "tx-" + UUID.randomUUID();
        decide(transactionId, pseudonym);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", Tokens.bearer("dpo"))
                .get("/api/v1/audit/transactions/" + transactionId).then().body("size()", equalTo(1)));

        String subject = SubjectTokens.bearer(pseudonym, "subject");
        String id = file("ACCESS", Map.of("customerId", customer), "EU", subject).then().statusCode(201)
                .extract().path("id");
        post(id, "identity/code", subject, null).then().statusCode(202);
        post(id, "identity/code/confirm", subject, Map.of("code", outboxCode(id))).then().statusCode(200);
        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("COMPLETE"));

        JsonPath export = given().header("Authorization", subject).get("/api/v1/dsr/" + id + "/export").then()
                .statusCode(200).extract().jsonPath();
        assertThat(export.getList("services.service")).containsExactly(Services.FEATURE, Services.INGESTION);
        assertThat(export.getString("services.find { it.service == 'ingestion-service' }.records[0].data[0]"
                + ".transactionId")).isEqualTo("tx-of-" + pseudonym);
        assertThat(export.getString("services.find { it.service == 'feature-service' }.records[0].data[0].entity"))
                .isEqualTo(pseudonym);
        assertThat(export.getList("purposes")).contains("fraud prevention");
        assertThat(export.getList("categories")).contains("transaction", "decision", "features");
        assertThat(export.getList("recipients")).isNotEmpty();
        assertThat(export.getMap("retention")).containsEntry("features", "P90D");
        assertThat(export.getList("sources")).contains("payment system");
        assertThat(export.getString("automatedDecisions[0].transactionId")).isEqualTo(transactionId);
        assertThat(export.getDouble("automatedDecisions[0].score")).isEqualTo(0.95);
        assertThat(export.getString("automatedDecisions[0].modelVersion")).isEqualTo("mlp-7");
        assertThat(export.getList("automatedDecisions[0].reasons")).containsExactly("AMOUNT_VERY_HIGH");
        assertThat(export.prettify()).doesNotContain("cus_emailsubject");

        // OWASP API1: another subject's token sees neither the request nor its export, nor it in a list.
        String other = SubjectTokens.bearer(SubjectTokens.pseudonym("someone-else-" + UUID.randomUUID()), "subject");
        get(id, other).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", other).get("/api/v1/dsr/" + id + "/export").then().statusCode(404);
        given().header("Authorization", other).get("/api/v1/dsr").then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().header("Authorization", subject).get("/api/v1/dsr").then().statusCode(200).body("id", hasItem(id));
        file("ACCESS", Map.of("customerId", "someone-else"), "EU", subject).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("reviewer")).get("/api/v1/dsr/" + id).then().statusCode(403);
    }

    @Test
    void portabilityGivesOnlyProvidedDataAsJsonAndCsv() {
        String customer = "cust-" + UUID.randomUUID();
        String pseudonym = SubjectTokens.pseudonym(customer);
        String id = verifiedByOperator("PORTABILITY", Map.of("customerId", customer), "EU");
        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("COMPLETE"));
        JsonPath export = given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + id + "/export")
                .then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("services.records.flatten().provided")).containsOnly(true).isNotEmpty();
        assertThat(export.getList("categories")).containsExactly("transaction");
        assertThat((Object) export.get("automatedDecisions")).isNull();
        String csv = given().header("Authorization", Tokens.bearer("dpo")).queryParam("format", "csv")
                .get("/api/v1/dsr/" + id + "/export").then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        assertThat(csv.lines().toList()).first().isEqualTo("service,store,category,record,field,value");
        assertThat(csv).contains("ingestion-service,postgresql:ingestion.transactions,transaction,1,transactionId,tx-of-"
                + pseudonym).contains(",amount,42.5").doesNotContain("decision").doesNotContain("features");
    }

    @Test
    void accessGoesToErrorNamingAPeerThatKeepsFailing() {
        String id = verifiedByOperator("ACCESS", Map.of("email", GovernanceTestResource.KNOWN_EMAIL), "EU");
        get(id, Tokens.bearer("dpo")).then().body("subjectKind", equalTo("email"))
                .body("subjectPseudonym", equalTo(GovernanceTestResource.EMAIL_SUBJECT));
        // Same subject through the always-failing feature stand-in: a pseudonym the test resource reserves.
        String unreachable = verifiedByOperator("ACCESS", Map.of("customerId", "x"), "EU");
        mongo.getDatabase(database).getCollection("dsr_requests").updateOne(Filters.eq("id", unreachable),
                new Document("$set", new Document("subjectPseudonym", GovernanceTestResource.UNREACHABLE_SUBJECT)));
        post(unreachable, "approve", Tokens.bearer("dpo"), null).then().statusCode(200)
                .body("status", equalTo("ERROR")).body("statusReason", containsString(Services.FEATURE));
    }

    @Test
    void aCardNumberResolvesThroughItsTokenToTheCustomerAndIsNeverStoredOrReturned() {
        String body = file("RESTRICTION", Map.of("cardNumber", PAN), "EU", Tokens.bearer("admin")).then()
                .statusCode(201).body("subjectKind", equalTo("cardNumber"))
                .body("subjectPseudonym", equalTo(GovernanceTestResource.CARD_SUBJECT)).extract().asString();
        assertThat(body).doesNotContain(PAN).doesNotContain("411111").doesNotContain(SubjectTokens.cardToken(PAN));
        file("RESTRICTION", Map.of("cardNumber", GovernanceTestResource.SHARED_PAN), "EU", Tokens.bearer("admin"))
                .then().statusCode(409).body(not(containsString(GovernanceTestResource.SHARED_PAN)));
        file("RESTRICTION", Map.of("cardNumber", "4000000000000002"), "EU", Tokens.bearer("admin")).then()
                .statusCode(404).body(not(containsString("4000000000000002")));
        String id = JsonPath.from(body).getString("id");
        Document stored = mongo.getDatabase(database).getCollection("dsr_requests").find(Filters.eq("id", id)).first();
        assertThat(stored.toJson()).doesNotContain(PAN).doesNotContain("411111");
        assertThat(mongo.getDatabase(database).getCollection("audit_events")
                .find(Filters.eq("resource", "dsr/" + id)).first().toJson()).doesNotContain(PAN);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("type", "RECTIFICATION", "subject", Map.of("customerId", "c"), "jurisdiction", "EU",
                        "details", Map.of("note", "my card is " + PAN))).post("/api/v1/dsr").then().statusCode(400)
                .body(not(containsString(PAN)));
        file("RESTRICTION", Map.of("cardNumber", "4111"), "EU", Tokens.bearer("admin")).then().statusCode(400)
                .contentType("application/problem+json").body(not(containsString("4111 ")));
    }

    @Test
    void emailsResolveThroughIngestionsBlindIndexAndAmbiguityIsRefused() {
        file("ACCESS", Map.of("email", GovernanceTestResource.SHARED_EMAIL), "EU", Tokens.bearer("admin")).then()
                .statusCode(409);
        file("ACCESS", Map.of("email", "nobody@example.org"), "EU", Tokens.bearer("admin")).then().statusCode(404);
        file("ACCESS", Map.of("email", "a@b.c", "customerId", "c"), "EU", Tokens.bearer("admin")).then()
                .statusCode(400);
    }

    @Test
    void deadlinesFollowTheJurisdictionAndExtensionsAreBounded() {
        Instant before = clockNow();
        JsonPath eu = file("ACCESS", Map.of("customerId", "eu-" + UUID.randomUUID()), "EU", Tokens.bearer("admin"))
                .then().statusCode(201).extract().jsonPath();
        Instant received = Instant.parse(eu.getString("receivedAt"));
        assertThat(received).isAfterOrEqualTo(before);
        assertThat(Instant.parse(eu.getString("dueAt"))).isEqualTo(received.atZone(java.time.ZoneOffset.UTC)
                .plusMonths(1).toInstant());
        assertThat(eu.getLong("daysLeft")).isBetween(27L, 31L);
        JsonPath ca = file("ERASURE", Map.of("customerId", "ca-" + UUID.randomUUID()), "CA", Tokens.bearer("admin"))
                .then().statusCode(201).body("ccpaRight", equalTo("DELETE")).extract().jsonPath();
        assertThat(Duration.between(Instant.parse(ca.getString("receivedAt")), Instant.parse(ca.getString("dueAt"))))
                .isEqualTo(Duration.ofDays(45));
        file("OBJECTION", Map.of("customerId", "ca"), "CA", Tokens.bearer("admin")).then()
                .body("ccpaRight", equalTo("OPT_OUT"));

        String id = eu.getString("id");
        post(id, "extend", Tokens.bearer("dpo"), Map.of("extension", 3, "reason", "complex")).then().statusCode(400);
        post(id, "extend", Tokens.bearer("dpo"), Map.of("extension", 2)).then().statusCode(400);
        post(id, "extend", Tokens.bearer("admin"), Map.of("extension", 2, "reason", "complex")).then().statusCode(403);
        post(id, "extend", Tokens.bearer("dpo"), Map.of("extension", 2, "reason", "many systems")).then()
                .statusCode(200).body("extension", equalTo(2)).body("extensionReason", equalTo("many systems"))
                .body("dueAt", equalTo(received.atZone(java.time.ZoneOffset.UTC).plusMonths(3).toInstant()
                        .toString()));
        post(ca.getString("id"), "extend", Tokens.bearer("dpo"), Map.of("extension", 46, "reason", "x")).then()
                .statusCode(400);
        post(ca.getString("id"), "deny", Tokens.bearer("dpo"), Map.of("reason", "manifestly unfounded")).then()
                .statusCode(200).body("status", equalTo("DENIED")).body("statusReason", equalTo("manifestly unfounded"));
    }

    @Test
    void requestsNearTheirDeadlineRaiseTheGauge() {
        file("RECTIFICATION", Map.of("customerId", "near-" + UUID.randomUUID()), "EU", Tokens.bearer("admin"))
                .then().statusCode(201);
        requests.refreshDeadlines();
        double now = nearDeadline("RECTIFICATION");
        clock.advance(Duration.ofDays(26));
        requests.refreshDeadlines();
        assertThat(nearDeadline("RECTIFICATION")).isGreaterThan(now);
    }

    @Test
    void aRectificationIsHandedToAnOperatorAndClosedByHand() {
        String id = verifiedByOperator("RECTIFICATION", Map.of("customerId", "r-" + UUID.randomUUID()), "EU");
        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("IN_PROCESSING"));
        post(id, "complete", Tokens.bearer("admin"), Map.of("note", "address corrected; recipients notified"))
                .then().statusCode(200).body("status", equalTo("COMPLETE"));
    }

    @Test
    void theMonthlyReportCountsRequestsByTypeAndStatusAndTheChainState() {
        String id = file("ACCESS", Map.of("customerId", "m-" + UUID.randomUUID()), "EU", Tokens.bearer("admin"))
                .then().statusCode(201).extract().path("id");
        String month = java.time.YearMonth.from(Instant.parse(get(id, Tokens.bearer("dpo")).then().extract()
                .<String>path("receivedAt")).atZone(java.time.ZoneOffset.UTC)).toString();
        JsonPath before = report(month);
        file("ACCESS", Map.of("customerId", "m-" + UUID.randomUUID()), "EU", Tokens.bearer("admin")).then()
                .statusCode(201);
        JsonPath after = report(month);
        assertThat(after.getInt("receivedByTypeAndStatus.ACCESS.IDENTITY_UNVERIFIED"))
                .isEqualTo(before.getInt("receivedByTypeAndStatus.ACCESS.IDENTITY_UNVERIFIED") + 1);
        assertThat(after.getBoolean("auditChain.valid")).isTrue();
        assertThat(after.getInt("closedWithinDeadline")).isLessThanOrEqualTo(after.getInt("closed"));
        given().header("Authorization", Tokens.bearer("dpo")).queryParam("month", "November").get(
                "/api/v1/reports/compliance").then().statusCode(400);
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/reports/compliance").then()
                .statusCode(403);
    }

    private static JsonPath report(String month) {
        return given().header("Authorization", Tokens.bearer("dpo")).queryParam("month", month)
                .get("/api/v1/reports/compliance").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void exportsAndCodesArePurgedAfterTheCataloguesRetentionByOneReplicaAtATime() {
        String id = verifiedByOperator("PORTABILITY", Map.of("customerId", "p-" + UUID.randomUUID()), "EU");
        post(id, "approve", Tokens.bearer("dpo"), null).then().statusCode(200).body("status", equalTo("COMPLETE"));
        String coded = file("ACCESS", Map.of("customerId", "p-" + UUID.randomUUID()), "EU", Tokens.bearer("admin"))
                .then().statusCode(201).extract().path("id");
        post(coded, "identity/code", Tokens.bearer("admin"), null).then().statusCode(202);
        purge.purge("replica-a");
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + id + "/export").then()
                .statusCode(200);
        assertThat(outboxCode(coded)).isNotBlank();

        // The catalogue's retentions, not a setting: codes P1D, exports P30D.
        clock.advance(Duration.ofDays(2));
        assertThat(purge.purge("replica-a").get("identity_outbox")).isPositive();
        assertThat(mongo.getDatabase(database).getCollection("identity_outbox")
                .find(Filters.eq("requestId", coded)).first()).isNull();
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + id + "/export").then()
                .statusCode(200);

        clock.advance(Duration.ofDays(29));
        Map<String, Long> deleted = purge.purge("replica-a");
        assertThat(deleted.get("dsr_exports")).isPositive();
        // Once cluster-wide: another replica waits until the lease (10 minutes) has expired.
        assertThat(purge.purge("replica-b")).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(purge.purge("replica-b")).containsKeys("identity_outbox", "dsr_exports");
        assertThat(purge.purge("replica-a")).isEmpty();
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/dsr/" + id + "/export").then()
                .statusCode(404);
        assertThat(mongo.getDatabase(database).getCollection("identity_outbox")
                .find(Filters.eq("requestId", coded)).first()).isNull();
    }

    @Test
    void anUnreadableAnswerIsDeadLettered() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME + ".dlq")) {
            Infra.kafka().produce(Topics.GDPR_EVENTS_NAME, "r", "{not an event");
            assertThat(dlq.next(1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private String verifiedByOperator(String type, Map<String, String> subject, String jurisdiction) {
        String id = file(type, subject, jurisdiction, Tokens.bearer("admin")).then().statusCode(201).extract()
                .path("id");
        post(id, "identity/check", Tokens.bearer("dpo"), Map.of("evidence", "passport, last 4: 1234")).then()
                .statusCode(403);
        post(id, "identity/check", Tokens.bearer("admin"), Map.of("evidence", "passport checked at branch 12"))
                .then().statusCode(200).body("status", equalTo("PENDING"))
                .body("verificationMethod", equalTo("OPERATOR_CHECK"));
        return id;
    }

    private void answer(String requestId, String service, String pseudonym, List<StoreEffect> effects) {
        GdprEvent event = new GdprEvent(requestId, service, GdprCommand.Action.ERASE, pseudonym,
                GdprEvent.Outcome.DONE, effects, null, Instant.now());
        Infra.kafka().produce(Topics.GDPR_EVENTS_NAME, requestId,
                ANSWERS.encode(EventEnvelope.of(Topics.GDPR_EVENTS, service, event, Instant.now())));
    }

    private static void decide(String transactionId, String pseudonym) {
        Verdict verdict = new Verdict(0.95, Decision.DECLINE, List.of(new Reason("AMOUNT_VERY_HIGH", "amount_log",
                0.6)), "mlp-7", "fs-3", Scorer.MODEL, List.of());
        Infra.kafka().produce(Topics.TRANSACTIONS_SCORED_NAME, pseudonym, new EventCodec<>(Topics.TRANSACTIONS_SCORED)
                .encode(EventEnvelope.of(Topics.TRANSACTIONS_SCORED, Services.SCORING, new ScoredTransaction(
                        transactionId, pseudonym, Instant.now(), ProcessingPath.ASYNC, verdict, Instant.now()),
                        Instant.now())));
    }

    private String outboxCode(String requestId) {
        Document delivered = mongo.getDatabase(database).getCollection("identity_outbox")
                .find(Filters.eq("requestId", requestId)).first();
        assertThat(delivered).isNotNull();
        return delivered.getString("code");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private Instant clockNow() {
        return clock.instant();
    }

    private static double nearDeadline(String type) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("openfraud_dsr_requests_near_deadline")
                && l.contains("type=\"" + type + "\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("openfraud_dsr_requests_near_deadline is not exported"));
    }

    static io.restassured.response.Response file(String type, Map<String, String> subject, String jurisdiction,
            String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("type", type, "subject", subject, "jurisdiction", jurisdiction)).post("/api/v1/dsr");
    }

    static io.restassured.response.Response post(String id, String action, String token, Object body) {
        var request = given().header("Authorization", token).contentType(ContentType.JSON);
        return (body == null ? request : request.body(body)).post("/api/v1/dsr/" + id + "/" + action);
    }

    static io.restassured.response.Response get(String id, String token) {
        return given().header("Authorization", token).get("/api/v1/dsr/" + id);
    }
}
