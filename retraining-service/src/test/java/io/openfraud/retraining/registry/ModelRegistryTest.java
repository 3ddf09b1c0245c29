package io.openfraud.retraining.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.model.ModelLifecycleEvent.Cause;
import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.retraining.RegistryTables;
import io.openfraud.retraining.registry.artifact.ArtifactIntegrityException;
import io.openfraud.retraining.registry.artifact.Sha256;
import io.openfraud.retraining.registry.service.ModelRegistry;
import io.openfraud.retraining.registry.service.NewVersion;
import io.openfraud.retraining.registry.service.PromotionGate;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry on real PostgreSQL and Kafka: the gate's aliases, lineage, audit, manual promotion and rollback,
 * artifacts with their checksums, and every change on {@code models.lifecycle} through the outbox.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class ModelRegistryTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);
    private static final EventCodec<ModelLifecycleEvent> CODEC = new EventCodec<>(Topics.MODELS_LIFECYCLE);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2025-02-01T00:00:00Z");

    @Inject
    ModelRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyRegistry() throws Exception {
        RegistryTables.clear(dataSource);
    }

    private static byte[] artifact() {
        return ("artifact " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }

    private ModelRegistry.Registration register(byte[] bytes, Map<String, Double> metrics, String parent,
            Map<String, Double> parentMetrics) {
        return registry.register(new NewVersion(bytes, Sha256.hex(bytes), "features-v1", false, Trigger.DRIFT, null,
                "drift-monitor", START, END, END.minus(Duration.ofDays(5)), END, 5000, 4800, 40,
                Map.of("epochs", "20"), metrics, parent, parentMetrics));
    }

    private static Map<String, Double> m(double prAuc, double recall) {
        return Map.of(PromotionGate.PR_AUC, prAuc, PromotionGate.RECALL_AT_TARGET_FPR, recall);
    }

    private static List<ModelLifecycleEvent> events(TopicTail tail, int count) {
        return tail.next(count, EVENTS).stream().map(ConsumerRecord::value).map(CODEC::decode)
                .map(EventEnvelope::payload).toList();
    }

    @Test
    void theGateMakesTheFirstVersionChampionThenPromotesOrHoldsOnTheSameWindow() {
        try (TopicTail tail = Infra.kafka().tail(Topics.MODELS_LIFECYCLE_NAME)) {
            ModelRegistry.Registration first = register(artifact(), m(0.80, 0.70), null, Map.of());
            assertThat(first.version().stage()).isEqualTo(Stage.CHAMPION);
            assertThat(first.decision().first()).isTrue();
            String v1 = first.version().version();
            ModelLifecycleEvent announced = events(tail, 1).get(0);
            assertThat(announced.version()).isEqualTo(v1);
            assertThat(announced.stage()).isEqualTo(Stage.CHAMPION);
            assertThat(announced.cause()).isEqualTo(Cause.GATE);
            assertThat(announced.trigger()).isEqualTo(Trigger.DRIFT);
            assertThat(announced.auditId()).isEqualTo(first.auditId());
            assertThat(announced.artifactUri()).isEqualTo("http://retraining.test/api/v1/models/" + v1 + "/artifact");
            assertThat(announced.dataWindowStart()).isEqualTo(START);

            // better on the same window: promoted, the champion retired and remembered
            ModelRegistry.Registration better = register(artifact(), m(0.85, 0.72), v1, m(0.80, 0.70));
            String v2 = better.version().version();
            assertThat(better.version().stage()).isEqualTo(Stage.CHAMPION);
            assertThat(better.version().replacedVersion()).isEqualTo(v1);
            assertThat(better.version().parentVersion()).isEqualTo(v1);
            List<ModelLifecycleEvent> promotion = events(tail, 2);
            assertThat(promotion).extracting(ModelLifecycleEvent::version, ModelLifecycleEvent::stage,
                    ModelLifecycleEvent::previousStage).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(v2, Stage.CHAMPION, null),
                            org.assertj.core.groups.Tuple.tuple(v1, Stage.RETIRED, Stage.CHAMPION));
            assertThat(promotion).extracting(ModelLifecycleEvent::auditId).containsOnly(better.auditId());

            // worse on recall: challenger; a second worse one replaces the challenger, never two
            ModelRegistry.Registration worse = register(artifact(), m(0.86, 0.60), v2, m(0.85, 0.72));
            assertThat(worse.version().stage()).isEqualTo(Stage.CHALLENGER);
            assertThat(worse.decision().reason()).startsWith("worse than the champion on recallAtTargetFpr");
            ModelRegistry.Registration worse2 = register(artifact(), m(0.50, 0.50), v2, m(0.85, 0.72));
            assertThat(registry.get(worse.version().version()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
            assertThat(registry.alias(ModelRegistry.Alias.challenger).orElseThrow().version())
                    .isEqualTo(worse2.version().version());
            assertThat(registry.alias(ModelRegistry.Alias.champion).orElseThrow().version()).isEqualTo(v2);
            events(tail, 3);
        }
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/models/audit").then().statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("GATE_HELD", "GATE_HELD", "GATE_PROMOTED",
                        "FIRST_CHAMPION"))
                .body("[0].principal", equalTo("drift-monitor"))
                .body("[1].reason", containsString("recallAtTargetFpr 0.6000 vs 0.7200"));
    }

    @Test
    void servesLineageAliasesAndTheArtifactWithItsChecksum() {
        byte[] bytes = artifact();
        String v = register(bytes, m(0.8, 0.7), null, Map.of()).version().version();
        String sha = Sha256.hex(bytes);

        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/" + v).then().statusCode(200)
                .body("stage", equalTo("CHAMPION"))
                .body("aliases", org.hamcrest.Matchers.contains("champion"))
                .body("sha256", equalTo(sha))
                .body("artifactSize", equalTo(bytes.length))
                .body("trigger", equalTo("DRIFT"))
                .body("dataWindow.start", equalTo("2025-01-01T00:00:00Z"))
                .body("testWindow.start", equalTo("2025-01-27T00:00:00Z"))
                .body("rowCount", equalTo(5000))
                .body("labelCount", equalTo(4800))
                .body("fraudLabelCount", equalTo(40))
                .body("hyperparameters.epochs", equalTo("20"))
                .body("metrics.prAuc", equalTo(0.8f))
                .body("featureSetVersion", equalTo("features-v1"))
                .body("createdBy", equalTo("drift-monitor"));
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/aliases/champion").then()
                .statusCode(200).body("version", equalTo(v));
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/aliases/challenger").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/aliases/staging").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/999999").then()
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("999999"));

        Response download = given().header("Authorization", Tokens.bearer("service"))
                .get("/api/v1/models/" + v + "/artifact");
        download.then().statusCode(200).contentType("application/octet-stream")
                .header("ETag", equalTo("\"" + sha + "\""))
                .header("Repr-Digest", equalTo("sha-256=:" + Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(sha)) + ":"));
        assertThat(download.asByteArray()).isEqualTo(bytes);
        given().header("Authorization", Tokens.bearer("service")).header("If-None-Match", "\"" + sha + "\"")
                .get("/api/v1/models/" + v + "/artifact").then().statusCode(304);
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/models/" + v + "/artifact").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void refusesBytesWhoseChecksumIsNotTheDeclaredOneAndStoresNothing() throws Exception {
        byte[] bytes = artifact();
        NewVersion lying = new NewVersion(bytes, Sha256.hex("other".getBytes(StandardCharsets.UTF_8)), "features-v1",
                false, Trigger.MANUAL, null, "test", START, END, null, null, 1, 1, 0, Map.of(), m(0.9, 0.9), null,
                Map.of());
        assertThatThrownBy(() -> registry.register(lying)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("expected");
        assertThat(count("model_versions")).isZero();
        assertThat(count("registry_audit")).isZero();
    }

    @Test
    void aCorruptedStoredArtifactIsNeverServed() throws Exception {
        String v = register(artifact(), m(0.8, 0.7), null, Map.of()).version().version();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE model_artifacts SET content = convert_to('tampered', 'UTF8')");
        }
        given().header("Authorization", Tokens.bearer("service")).get("/api/v1/models/" + v + "/artifact").then()
                .statusCode(500).contentType("application/problem+json");
    }

    @Test
    void manualPromotionAndRollbackAreAuditedAndPublished() {
        String v1 = register(artifact(), m(0.80, 0.70), null, Map.of()).version().version();
        String v2 = register(artifact(), m(0.70, 0.70), v1, m(0.80, 0.70)).version().version();
        assertThat(registry.get(v2).orElseThrow().stage()).isEqualTo(Stage.CHALLENGER);
        String admin = Tokens.bearer("admin");

        given().header("Authorization", admin).contentType("application/json").body("{}")
                .post("/api/v1/models/" + v2 + "/promote").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body("{\"reason\":\"x\"}").post("/api/v1/models/" + v2 + "/promote").then().statusCode(403);
        given().header("Authorization", admin).contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/v1/models/424242/promote").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", admin).contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/v1/models/" + v1 + "/rollback").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("replaced no champion"));

        try (TopicTail tail = Infra.kafka().tail(Topics.MODELS_LIFECYCLE_NAME)) {
            given().header("Authorization", admin).contentType("application/json")
                    .body("{\"reason\":\"shadow results on week 47 are better\"}")
                    .post("/api/v1/models/" + v2 + "/promote").then().statusCode(200)
                    .body("stage", equalTo("CHAMPION")).body("replacedVersion", equalTo(v1));
            List<ModelLifecycleEvent> promoted = events(tail, 2);
            assertThat(promoted.get(0).version()).isEqualTo(v2);
            assertThat(promoted.get(0).previousStage()).isEqualTo(Stage.CHALLENGER);
            assertThat(promoted).extracting(ModelLifecycleEvent::cause).containsOnly(Cause.MANUAL_PROMOTION);
            assertThat(registry.alias(ModelRegistry.Alias.challenger)).isEmpty();

            given().header("Authorization", admin).contentType("application/json").body("{\"reason\":\"x\"}")
                    .post("/api/v1/models/" + v2 + "/promote").then().statusCode(409);
            given().header("Authorization", admin).contentType("application/json").body("{\"reason\":\"x\"}")
                    .post("/api/v1/models/" + v1 + "/rollback").then().statusCode(409)
                    .body("detail", containsString("not the champion"));

            given().header("Authorization", admin).contentType("application/json")
                    .body("{\"reason\":\"false positives doubled\"}")
                    .post("/api/v1/models/" + v2 + "/rollback").then().statusCode(200)
                    .body("version", equalTo(v1)).body("stage", equalTo("CHAMPION"));
            List<ModelLifecycleEvent> rolledBack = events(tail, 2);
            assertThat(rolledBack).extracting(ModelLifecycleEvent::version, ModelLifecycleEvent::stage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(v1, Stage.CHAMPION),
                            org.assertj.core.groups.Tuple.tuple(v2, Stage.RETIRED));
            assertThat(rolledBack).extracting(ModelLifecycleEvent::cause).containsOnly(Cause.ROLLBACK);
        }
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/models/audit?limit=2").then()
                .statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("ROLLBACK", "MANUAL_PROMOTION"))
                .body("[0].fromVersion", equalTo(v2)).body("[0].toVersion", equalTo(v1))
                .body("[0].principal", equalTo("test")).body("[0].reason", equalTo("false positives doubled"))
                .body("[1].fromVersion", equalTo(v1)).body("[1].toVersion", equalTo(v2))
                .body("[1].at", org.hamcrest.Matchers.notNullValue())
                .body("[2]", nullValue());
    }

    private long count(String table) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement sql = connection.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet rs = sql.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
