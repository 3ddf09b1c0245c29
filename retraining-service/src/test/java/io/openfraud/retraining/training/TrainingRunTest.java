package io.openfraud.retraining.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.openfraud.retraining.RegistryTables;
import io.openfraud.retraining.registry.artifact.Sha256;
import io.openfraud.retraining.training.rest.TrainingRunView;
import io.openfraud.retraining.training.service.TrainingSchedule;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training runs on real PostgreSQL and Kafka with a fake trainer: asynchronous start (202 + Location), status and
 * progress, registration through the gate, one run at a time (two concurrent requests, another replica holding the
 * lock), the schedule firing once per slot, failures and bad windows.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class TrainingRunTest {

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final String WINDOW =
            "{\"windowStart\":\"2025-01-01T00:00:00Z\",\"windowEnd\":\"2025-02-01T00:00:00Z\"}";

    @Inject
    FakeModelTrainer trainer;

    @Inject
    TrainingSchedule schedule;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        trainer.reset();
        RegistryTables.clear(dataSource);
    }

    @AfterEach
    void releaseHeldRuns() throws Exception {
        trainer.release();
        // no run of this test may still be running when the next one empties the tables
        await().atMost(RUN).until(() -> count("SELECT count(*) FROM training_runs WHERE status IN ('QUEUED', "
                + "'RUNNING')") == 0);
    }

    private static Response post(String body) {
        return given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body(body)
                .post("/api/v1/training-runs");
    }

    private static JsonPath awaitFinished(String location) {
        return await().atMost(RUN).until(() -> given().header("Authorization", Tokens.bearer("analyst"))
                .get(location).then().statusCode(200).extract().jsonPath(),
                run -> List.of("SUCCEEDED", "FAILED").contains(run.getString("status")));
    }

    /** The value of a counter in /q/metrics with all of {@code labels} (key="value"), 0 if absent. */
    private static double counter(String name, String... labels) {
        return given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aRunTrainsInTheBackgroundAndRegistersItsVersionThroughTheGate() {
        double succeeded = counter("openfraud_training_runs_total", "status=\"SUCCEEDED\"", "trigger=\"MANUAL\"");
        double firstChampions = counter("openfraud_registry_changes_total", "action=\"FIRST_CHAMPION\"");
        Response accepted = post(WINDOW);
        accepted.then().statusCode(202).body("status", equalTo("QUEUED")).body("trigger", equalTo("MANUAL"))
                .body("requestedBy", equalTo("test"));
        String location = accepted.header("Location");
        assertThat(location).endsWith("/api/v1/training-runs/" + accepted.jsonPath().getLong("id"));

        JsonPath run = awaitFinished(location);
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getDouble("progress.fraction")).isEqualTo(1.0);
        assertThat(run.getString("gate.decision")).isEqualTo("CHAMPION");
        assertThat(run.getString("gate.reason")).startsWith("first version");
        assertThat(run.getDouble("report.metrics.prAuc")).isEqualTo(0.90);
        assertThat(run.getDouble("report.rulesFallback.prAuc")).isEqualTo(0.42);
        assertThat(run.getLong("report.rowCount")).isEqualTo(1000);
        String version = run.getString("modelVersion");

        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/models/" + version).then()
                .statusCode(200).body("stage", equalTo("CHAMPION")).body("trigger", equalTo("MANUAL"))
                .body("trainingRunId", equalTo(run.getInt("id"))).body("createdBy", equalTo("test"))
                .body("dataWindow.start", equalTo("2025-01-01T00:00:00Z"))
                .body("dataWindow.end", equalTo("2025-02-01T00:00:00Z"))
                .body("hyperparameters.seed", equalTo("42"));
        // counted just after the run's commit, which the status above already shows
        await().atMost(RUN).untilAsserted(() -> assertThat(counter("openfraud_training_runs_total",
                "status=\"SUCCEEDED\"", "trigger=\"MANUAL\"")).isEqualTo(succeeded + 1));
        assertThat(counter("openfraud_registry_changes_total", "action=\"FIRST_CHAMPION\""))
                .isEqualTo(firstChampions + 1);

        // the second run is evaluated against that champion on its own test slice: worse, so challenger
        trainer.willScore(FakeModelTrainer.metrics(0.70, 0.80), FakeModelTrainer.metrics(0.90, 0.80));
        JsonPath second = awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"));
        assertThat(second.getString("gate.decision")).isEqualTo("CHALLENGER");
        assertThat(second.getString("gate.reason")).startsWith("worse than the champion on prAuc");
        assertThat(second.getString("report.championVersion")).isEqualTo(version);
        Incumbent incumbent = trainer.calls().get(1).incumbent().orElseThrow();
        assertThat(incumbent.version()).isEqualTo(version);
        assertThat(Sha256.hex(incumbent.artifact())).isEqualTo(incumbent.sha256());
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/aliases/challenger").then()
                .statusCode(200).body("version", equalTo(second.getString("modelVersion")))
                .body("parentVersion", equalTo(version));
    }

    @Test
    void progressIsVisibleWhileTheRunIsRunning() throws Exception {
        trainer.holdRuns();
        String location = post(WINDOW).then().statusCode(202).extract().header("Location");
        assertThat(trainer.awaitEntered(RUN)).isTrue();
        await().atMost(RUN).untilAsserted(() -> given().header("Authorization", Tokens.bearer("admin")).get(location)
                .then().body("status", equalTo("RUNNING")).body("progress.fraction", equalTo(0.1f))
                .body("progress.phase", equalTo("loading window")));
        trainer.release();
        assertThat(awaitFinished(location).getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void twoConcurrentRequestsStartOneRunAndTheOtherGets409() throws Exception {
        trainer.holdRuns();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Callable<Response> call = () -> {
                together.await();
                return post(WINDOW);
            };
            List<Future<Response>> futures = List.of(callers.submit(call), callers.submit(call));
            List<Integer> statuses = new ArrayList<>();
            Response conflict = null;
            for (Future<Response> f : futures) {
                Response r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    conflict = r;
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
            assertThat(conflict.contentType()).startsWith("application/problem+json");
            assertThat(conflict.jsonPath().getString("detail")).contains("already queued or running");
            // still one at a time while the first runs
            post(WINDOW).then().statusCode(409);
        } finally {
            callers.shutdownNow();
            trainer.release();
        }
        await().atMost(RUN).until(() -> count("SELECT count(*) FROM training_runs WHERE status = 'SUCCEEDED'") == 1);
        assertThat(count("SELECT count(*) FROM training_runs")).isEqualTo(1);
        assertThat(trainer.calls()).hasSize(1);
    }

    @Test
    void aRunOnAnotherReplicaBlocksStartsAndSchedules() throws Exception {
        // another replica: a separate PostgreSQL session holding the deployment's training lock
        try (Connection replica = dataSource.getConnection()) {
            try (PreparedStatement lock = replica.prepareStatement("SELECT pg_advisory_lock(7001, 7002)")) {
                lock.execute();
            }
            post(WINDOW).then().statusCode(409).contentType("application/problem+json");
            assertThat(schedule.fire(Instant.now())).isEmpty();
            try (PreparedStatement unlock = replica.prepareStatement("SELECT pg_advisory_unlock(7001, 7002)")) {
                unlock.execute();
            }
        }
        assertThat(count("SELECT count(*) FROM training_runs")).isZero();
        assertThat(awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"))
                .getString("status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aScheduleSlotStartsOnceHoweverManyReplicasFireIt() throws Exception {
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        List<Optional<TrainingRunView>> fired = new ArrayList<>();
        try {
            Callable<Optional<TrainingRunView>> fire = () -> {
                together.await();
                return schedule.fire(slot.plusMillis(250));
            };
            for (Future<Optional<TrainingRunView>> f : List.of(replicas.submit(fire), replicas.submit(fire))) {
                fired.add(f.get());
            }
        } finally {
            replicas.shutdownNow();
        }
        assertThat(fired.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        TrainingRunView run = fired.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(run.requestedBy()).isEqualTo(TrainingSchedule.PRINCIPAL);
        assertThat(run.windowEnd()).isEqualTo(slot);
        assertThat(run.windowStart()).isEqualTo(slot.minus(Duration.ofDays(30)));
        await().atMost(RUN).until(() -> count("SELECT count(*) FROM training_runs WHERE status = 'SUCCEEDED'") == 1);

        // a replica whose clock fires the same slot after the run finished: still once
        assertThat(schedule.fire(slot)).isEmpty();
        assertThat(count("SELECT count(*) FROM training_runs")).isEqualTo(1);
        // the next slot runs
        assertThat(schedule.fire(slot.plus(Duration.ofMinutes(1)))).isPresent();
    }

    @Test
    void aFailingTrainerFailsTheRunWithItsReasonAndRegistersNothing() throws Exception {
        double failed = counter("openfraud_training_runs_total", "status=\"FAILED\"");
        trainer.willFail("no labelled rows in the window");
        JsonPath run = awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"));
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).isEqualTo("no labelled rows in the window");
        assertThat(run.getString("finishedAt")).isNotNull();

        trainer.reset();
        trainer.willLieAboutChecksum();
        JsonPath lying = awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"));
        assertThat(lying.getString("status")).isEqualTo("FAILED");
        assertThat(lying.getString("error")).contains("sha256");
        assertThat(count("SELECT count(*) FROM model_versions")).isZero();
        await().atMost(RUN).untilAsserted(() -> assertThat(counter("openfraud_training_runs_total",
                "status=\"FAILED\"")).isEqualTo(failed + 2));
    }

    @Test
    void theReportPageDrawsEachCurveWithTheTableOfItsPoints() {
        JsonPath run = awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        List<Map<String, Object>> modelPr = run.getList("report.curves.model.pr");
        List<Map<String, Object>> rulesPr = run.getList("report.curves.rules.pr");
        List<Map<String, Object>> modelRoc = run.getList("report.curves.model.roc");
        List<Map<String, Object>> rulesRoc = run.getList("report.curves.rules.roc");
        // downsampled: the fake's 300 distinct model scores give at most 200 points
        assertThat(modelPr).isNotEmpty().hasSizeLessThanOrEqualTo(200);
        assertThat(modelRoc).isNotEmpty().hasSizeLessThanOrEqualTo(200);
        assertThat(rulesPr).isNotEmpty();
        assertThat(run.getDouble("report.model.prAuc")).isBetween(0.0, 1.0);
        assertThat(run.getLong("report.rules.confusion.truePositives")).isNotNegative();

        Response page = given().header("Authorization", Tokens.bearer("analyst"))
                .get("/api/v1/training-runs/" + run.getLong("id") + "/report.html");
        page.then().statusCode(200).contentType(startsWith("text/html"));
        String html = page.asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("Precision-recall curve", "ROC curve", "Rules fallback", "stroke-dasharray")
                .doesNotContain("<script", "http://", "https://");
        assertThat(occurrences(html, "<svg ")).isEqualTo(2);
        assertThat(tableRows(html, "data-pr")).isEqualTo(modelPr.size() + rulesPr.size());
        assertThat(tableRows(html, "data-roc")).isEqualTo(modelRoc.size() + rulesRoc.size());
        // the first PR row is the model's first point, as the JSON report has it
        String firstPr = section(html, "data-pr");
        assertThat(firstPr).contains(String.format(java.util.Locale.ROOT, "<tr><td>Model</td><td>%.4f</td><td>%.4f"
                + "</td><td>%.4f</td></tr>", ((Number) modelPr.get(0).get("threshold")).doubleValue(),
                ((Number) modelPr.get(0).get("recall")).doubleValue(),
                ((Number) modelPr.get(0).get("precision")).doubleValue()));
        // the ROC curve's origin flags nothing
        assertThat(section(html, "data-roc")).contains("<tr><td>Model</td><td>none flagged</td><td>0.0000</td>"
                + "<td>0.0000</td></tr>");

        given().header("Authorization", Tokens.bearer("reviewer")).get("/api/v1/training-runs/" + run.getLong("id")
                + "/report.html").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin")).accept("text/html")
                .get("/api/v1/training-runs/987654/report.html").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/training-runs/nope/report.html")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theReportPageEscapesWhatTheRunCarries() {
        trainer.willFail("<script>alert('x')</script> & \"quoted\"");
        JsonPath run = awaitFinished(post(WINDOW).then().statusCode(202).extract().header("Location"));
        assertThat(run.getString("status")).isEqualTo("FAILED");
        String html = given().header("Authorization", Tokens.bearer("service"))
                .get("/api/v1/training-runs/" + run.getLong("id") + "/report.html").then().statusCode(200)
                .extract().asString();
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
                .doesNotContain("<script>").contains("has no curves");
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** The body of the table with {@code id}. */
    private static String section(String html, String id) {
        int start = html.indexOf("<table id=\"" + id + "\">");
        assertThat(start).as("table %s", id).isNotNegative();
        String table = html.substring(start, html.indexOf("</table>", start));
        return table.substring(table.indexOf("<tbody>"));
    }

    private static int tableRows(String html, String id) {
        return occurrences(section(html, id), "<tr>");
    }

    @Test
    void badWindowsAreRefusedWithTheirFields() {
        post("{\"windowStart\":\"2025-02-01T00:00:00Z\",\"windowEnd\":\"2025-01-01T00:00:00Z\"}").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("windowEnd")).body("errors.reason", hasItem("must be after windowStart"));
        post("{\"windowEnd\":\"2025-01-01T00:00:00Z\"}").then().statusCode(400)
                .body("errors.field", hasItem("windowStart"));
        post("{\"windowStart\":\"2025-01-01T00:00:00Z\",\"windowEnd\":\"" + Instant.now().plus(Duration.ofDays(2))
                + "\"}").then().statusCode(400).body("errors.reason", hasItem(startsWith("is in the future")));
        post("{\"windowStart\":\"2020-01-01T00:00:00Z\",\"windowEnd\":\"2025-01-01T00:00:00Z\"}").then()
                .statusCode(400).body("errors.reason", hasItem(containsString("longer than")));
        post("{\"windowStart\":\"yesterday\"}").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json").body(WINDOW)
                .post("/api/v1/training-runs").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/training-runs/987654").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
