package io.openfraud.retraining.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.DeadLetters;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.features.FeatureSet;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.retraining.Events;
import io.openfraud.retraining.trigger.RetrainingTrigger;
import io.openfraud.retraining.trigger.TriggerStore;
import io.openfraud.retraining.RegistryTables;
import io.openfraud.retraining.training.FakeModelTrainer;
import io.openfraud.web.problem.Problem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift and performance monitoring end to end in the service: a reference from a training-set CSV, vectors and
 * verdicts from Kafka, a check, the report (JSON and HTML), the gauges, and the audited trigger.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class DriftMonitoringTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<FeatureSet.Feature> FEATURES = FeatureSet.features();
    private static final int AMOUNT_LOG = FeatureSet.names().indexOf("amount_log");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TriggerStore triggers;

    @Inject
    RetrainingTrigger trigger;

    @Inject
    FakeModelTrainer trainer;

    @BeforeEach
    void forgetEarlierTriggerDecisions() throws Exception {
        trainer.reset();
        RegistryTables.clear(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM retraining_trigger_decisions");
            s.executeUpdate("DELETE FROM retraining_requests");
        }
    }

    /** Retraining requests start real training runs (on the fake trainer): none may outlive its test. */
    @AfterEach
    void awaitStartedRuns() throws Exception {
        await().atMost(WAIT).until(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM training_runs WHERE status IN "
                            + "('QUEUED', 'RUNNING')")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
        RegistryTables.clear(dataSource);
    }

    /** Status, trigger and requester of the training run a retraining request started. */
    private List<String> startedRun(long requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT r.status, r.training_trigger, r.requested_by FROM retraining_requests q JOIN training_runs r"
                        + " ON r.id = q.training_run_id WHERE q.id = ?")) {
            ps.setLong(1, requestId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getString(1), rs.getString(2), rs.getString(3)) : List.of();
            }
        }
    }

    /** A row like the reference: numeric N(0, 1), codes 0 to 3, flags 1 with probability 0.2. */
    private static double[] row(Random random, boolean shifted) {
        double[] v = new double[FEATURES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (FEATURES.get(i).type()) {
                case NUMERIC -> Math.round(random.nextGaussian() * 1e4) / 1e4 + (shifted ? 5 : 0);
                case CODE -> random.nextInt(4) + (shifted ? 1 : 0);
                case BINARY -> (random.nextDouble() < 0.2) != shifted ? 1 : 0;
            };
        }
        return v;
    }

    private static String trainingSetCsv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("transaction_id,timestamp,label," + String.join(",", FeatureSet.names())
                + "\n");
        for (int r = 0; r < rows; r++) {
            csv.append("tx-ref-").append(r).append(",2025-01-01T00:00:00Z,0");
            for (double v : row(random, false)) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void putReference(int rows, long seed) {
        given().header("Authorization", Tokens.bearer("admin")).contentType("text/csv")
                .body(trainingSetCsv(rows, seed)).put("/api/v1/drift/reference").then().statusCode(200)
                .body("rows", equalTo(rows)).body("features", equalTo(FEATURES.size()))
                .body("featureSetVersion", equalTo(FeatureSet.VERSION));
    }

    private static void publishVectors(int count, Instant at, Random random, boolean shiftAll, boolean shiftAmount) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] v = row(random, shiftAll);
            if (shiftAmount) {
                v[AMOUNT_LOG] += 3;
            }
            EnrichedTransaction e = new EnrichedTransaction("tx-" + UUID.randomUUID(), "cus_drift",
                    at.plusSeconds(i % 3000), ProcessingPath.ASYNC, null, FeatureSet.VERSION, FeatureSet.asMap(v));
            records.add(new ProducerRecord<>(Topics.TRANSACTIONS_ENRICHED_NAME, "cus_drift_" + (i % 12),
                    Events.encode(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, e)));
        }
        Infra.kafka().send(records);
    }

    private static double counted() {
        double v = Events.sample(metrics(), "openfraud_drift_vectors_counted_total", Map.of());
        return Double.isNaN(v) ? 0 : v;
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static JsonPath check() {
        return given().header("Authorization", Tokens.bearer("admin")).post("/api/v1/drift/checks").then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> feature(JsonPath report, String name) {
        return report.getMap("drift.features.find { it.name == '" + name + "' }");
    }

    @Test
    void aShiftedFeatureDriftsThenAShiftedDatasetRequestsRetrainingOnceAndDebounces() {
        putReference(2000, 1);
        Random random = new Random(2);
        double before = counted();
        publishVectors(1000, Instant.parse("2025-06-01T10:00:00Z"), random, false, true);
        await().atMost(WAIT).until(() -> counted() >= before + 1000);

        JsonPath first = check();
        assertThat(first.getString("driftStatus")).isEqualTo("ok");
        assertThat(first.getLong("drift.productionRows")).isEqualTo(1000);
        assertThat(feature(first, "amount_log")).containsEntry("drifted", true);
        assertThat((Float) feature(first, "amount_log").get("psi")).isGreaterThan(0.1f);
        assertThat(feature(first, "hour_of_day")).containsEntry("drifted", false);
        assertThat(first.getBoolean("drift.dataset.drifted")).isFalse();
        assertThat(first.getInt("drift.dataset.driftedFeatures")).isEqualTo(1);
        assertThat(first.getList("decisions")).isEmpty();
        String exposition = metrics();
        assertThat(Events.sample(exposition, "openfraud_drift_psi", Map.of("feature", "amount_log")))
                .isEqualTo(((Float) feature(first, "amount_log").get("psi")).doubleValue(),
                        org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Events.sample(exposition, "openfraud_drift_dataset_drifted", Map.of())).isZero();

        // the HTML page: language set, a chart and its table per feature, drift named in words
        String page = given().header("Authorization", Tokens.bearer("analyst")).accept(ContentType.HTML)
                .get("/api/v1/drift/reports/latest").then().statusCode(200).contentType(ContentType.HTML).extract()
                .asString();
        assertThat(page).contains("<html lang=\"en\">", "amount_log (numeric): <span class=\"status\">DRIFTED",
                "Solid bars: reference; hatched bars: production", "<caption>Data of the chart: Distribution of "
                        + "amount_log");
        assertThat(page.split("<svg ", -1)).hasSize(FEATURES.size() + 2); // one per feature plus the scores
        assertThat(page.split("<table>", -1).length).isGreaterThan(FEATURES.size() + 1);

        // three times as many vectors with everything shifted, two hours later: the dataset drifts
        double mid = counted();
        publishVectors(3000, Instant.parse("2025-06-01T12:00:00Z"), random, true, false);
        await().atMost(WAIT).until(() -> counted() >= mid + 3000);
        JsonPath second = check();
        assertThat(second.getLong("drift.productionRows")).isEqualTo(4000);
        assertThat(second.getBoolean("drift.dataset.drifted")).isTrue();
        assertThat(second.getDouble("drift.dataset.share")).isGreaterThanOrEqualTo(0.5);
        assertThat(second.getList("decisions.outcome")).containsExactly("REQUESTED");
        assertThat(second.getList("decisions.kind")).containsExactly("DRIFT");
        assertThat(second.getString("decisions[0].reason")).startsWith("dataset drift:");
        // the request started a training run over the trigger's window, trigger DRIFT, which trains and registers
        assertThat(second.getString("decisions[0].requestStatus")).isEqualTo("STARTED");
        long requestId = second.getLong("decisions[0].requestId");
        await().atMost(WAIT).until(() -> startedRun(requestId),
                run -> run.equals(List.of("SUCCEEDED", "DRIFT", "drift-monitor")));
        assertThat(trainer.calls()).hasSize(1);
        assertThat(java.time.Duration.between(trainer.calls().get(0).request().windowStart(),
                trainer.calls().get(0).request().windowEnd())).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(Events.sample(metrics(), "openfraud_drift_dataset_drifted", Map.of())).isEqualTo(1.0);

        // the same drift a moment later: debounced, and audited as such
        JsonPath third = check();
        assertThat(third.getList("decisions.outcome")).containsExactly("DEBOUNCED");
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/retraining/triggers").then()
                .statusCode(200).body("outcome", org.hamcrest.Matchers.contains("DEBOUNCED", "REQUESTED"));

        given().header("Authorization", Tokens.bearer("admin")).accept(ContentType.JSON)
                .get("/api/v1/drift/reports/latest").then().statusCode(200)
                .body("drift.dataset.drifted", equalTo(true));
    }

    @Test
    void performanceDecayOnMaturedLabelsComparesWithTheRegisteredMetricsAndRequestsRetraining() {
        putReference(300, 3); // a fresh reference without production data: no drift reason in this check
        String version = "test-mlp-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("threshold", 0.5, "prAuc", 0.95)).put("/api/v1/drift/baselines/{v}", version).then()
                .statusCode(200).body("prAuc", equalTo(0.95f));
        // 10 frauds (5 scored 0.9, 5 scored 0.1) and 90 legitimate (5 at 0.9, 85 at 0.1):
        // at 0.9 precision 5/10, recall .5; at 0.1 precision 10/100, recall 1 -> PR-AUC .5 * .5 + .5 * .1 = .3
        Instant at = Instant.parse("2025-06-02T00:00:00Z");
        List<String> frauds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String tx = "tx-" + UUID.randomUUID();
            boolean fraud = i < 10;
            double score = (fraud && i < 5) || (!fraud && i < 15) ? 0.9 : 0.1;
            Events.publishScored(tx, "cus_perf", version, score, score >= 0.5 ? Decision.REVIEW : Decision.APPROVE,
                    at.plusSeconds(i));
            if (fraud) {
                frauds.add(tx);
                Events.publishLabel(tx, LabelValue.FRAUD, LabelSource.CHARGEBACK, "2025-06-20T00:00:00Z");
            } else if (i % 10 == 0) {
                Events.publishLabel(tx, LabelValue.LEGIT, LabelSource.ANALYST, "2025-06-10T00:00:00Z");
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            for (String tx : frauds) {
                given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/labels/{id}", tx).then()
                        .statusCode(200);
            }
            JsonPath report = check();
            assertThat(report.getInt("performance.find { it.modelVersion == '" + version + "' }.verdicts"))
                    .isEqualTo(100);
        });
        JsonPath report = check();
        Map<String, Object> p = report.getMap("performance.find { it.modelVersion == '" + version + "' }");
        assertThat(p).containsEntry("positives", 10).containsEntry("labelled", 19)
                .containsEntry("thresholdSource", "registered").containsEntry("decayed", true);
        assertThat(((Number) p.get("prAuc")).doubleValue()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(((Number) p.get("precision")).doubleValue()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(((Number) p.get("recall")).doubleValue()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(((Number) p.get("prAucDrop")).doubleValue()).isCloseTo(0.65, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(Events.sample(metrics(), "openfraud_model_pr_auc_drop", Map.of("model_version", version)))
                .isCloseTo(0.65, org.assertj.core.api.Assertions.within(1e-6));
        // the first check that saw the decay requested retraining; this one is debounced
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/retraining/triggers").then()
                .statusCode(200).body("find { it.outcome == 'REQUESTED' }.kind", equalTo("DECAY"))
                .body("find { it.outcome == 'REQUESTED' }.reason", containsString(version));
    }

    @Test
    void unreadableVectorsAndVerdictsAreDeadLettered() {
        try (TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED.dlqName());
                TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED.dlqName())) {
            Events.publish(Topics.TRANSACTIONS_ENRICHED, "k", "{\"type\":".getBytes(StandardCharsets.UTF_8));
            Events.publish(Topics.TRANSACTIONS_SCORED, "k", Events.label("tx-1", LabelValue.FRAUD, LabelSource.IMPORT,
                    "2025-01-01T00:00:00Z"));
            assertThat(new String(enriched.next(1, WAIT).get(0).headers().lastHeader(DeadLetters.REASON_CODE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("UNPARSEABLE");
            assertThat(new String(scored.next(1, WAIT).get(0).headers().lastHeader(DeadLetters.REASON_CODE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("WRONG_EVENT_TYPE");
        }
    }

    @Test
    void badReferencesAndBaselinesAreProblems() {
        given().header("Authorization", Tokens.bearer("admin")).contentType("text/csv")
                .body("transaction_id,timestamp,label,a,b\nx,2025-01-01T00:00:00Z,0,1,2\n")
                .put("/api/v1/drift/reference").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", Tokens.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("threshold", 1.5)).put("/api/v1/drift/baselines/v1").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("threshold", "prAuc"));
        given().header("Authorization", Tokens.bearer("analyst")).post("/api/v1/drift/checks").then().statusCode(403);
    }

    @Test
    void aScheduleSlotIsClaimedOnceAcrossReplicas() {
        Instant slot = Instant.parse("2030-01-01T00:15:00Z").plusSeconds(new Random().nextInt(100_000) * 60L);
        assertThat(triggers.claim("test-job", slot, "replica-a")).isTrue();
        assertThat(triggers.claim("test-job", slot, "replica-b")).isFalse();
        assertThat(triggers.claim("test-job", slot.plusSeconds(900), "replica-b")).isTrue();
    }

    @Test
    void theSubjectDataInterfaceReportsAndErasesVerdictsAndTheirLabels() {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        String a = "tx-" + UUID.randomUUID();
        String b = "tx-" + UUID.randomUUID();
        Events.publishScored(a, customer, "v-subject", 0.2, Decision.APPROVE, Instant.parse("2025-06-01T00:00:00Z"));
        Events.publishScored(b, customer, "v-subject", 0.8, Decision.DECLINE, Instant.parse("2025-06-01T00:01:00Z"));
        Events.publishLabel(b, LabelValue.FRAUD, LabelSource.CHARGEBACK, "2025-06-05T00:00:00Z");
        var asService = given().header("Authorization", Tokens.bearer("service"));
        await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", Tokens.bearer("service"))
                .get("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("records.size()", equalTo(2)).body("records[0].data.size()", equalTo(2))
                .body("records[1].data.size()", equalTo(1)));
        String report = asService.get("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("records[0].category", equalTo("decision")).body("records[1].data[0].label", equalTo("FRAUD"))
                .extract().asString();
        assertThat(SchemaValidator.shared().validate("subject-data-report-v1.schema.json",
                report.getBytes(StandardCharsets.UTF_8))).isEmpty();
        String erasure = given().header("Authorization", Tokens.bearer("service"))
                .delete("/internal/v1/subjects/{p}", customer).then().statusCode(200).extract().asString();
        assertThat(SchemaValidator.shared().validate("erasure-report-v1.schema.json",
                erasure.getBytes(StandardCharsets.UTF_8))).isEmpty();
        // labels, verdicts, and the pseudonym alone kept out of training (RETAINED with its basis and date)
        assertThat(JsonPath.from(erasure).getList("effects.records", Integer.class)).containsExactly(1, 2, 1);
        assertThat(JsonPath.from(erasure).getList("effects.effect", String.class))
                .containsExactly("ERASED", "ERASED", "RETAINED");
        given().header("Authorization", Tokens.bearer("service")).delete("/internal/v1/subjects/{p}", customer).then()
                .statusCode(200).body("effects.records", equalTo(List.of(0, 0, 1)));
        // what is left is the exclusion, and the report says so
        given().header("Authorization", Tokens.bearer("service")).get("/internal/v1/subjects/{p}", customer).then()
                .statusCode(200).body("records.size()", equalTo(1))
                .body("records[0].store", equalTo("postgresql:retraining.subject_training_exclusions"))
                .body("records[0].data[0].kind", equalTo("ERASE"));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/labels/{id}", b).then().statusCode(404);
        given().header("Authorization", Tokens.bearer("admin")).get("/internal/v1/subjects/{p}", customer).then()
                .statusCode(403);
    }
}
