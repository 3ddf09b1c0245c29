package io.openfraud.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.openfraud.events.DeadLetters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.ModelTrainer;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.openfraud.scoring.model.ModelVerdicts;
import io.openfraud.scoring.model.ReasonCodes;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The champion model end to end: two small models trained here with fraud-model's ModelTrainer on generated rows,
 * served by a stub of the registry's two endpoints (and of feature-service's vector endpoint); Kafka is real.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "scoring"))
class ChampionModelTest {

    private static final EventCodec<ModelLifecycleEvent> LIFECYCLE = new EventCodec<>(Topics.MODELS_LIFECYCLE);
    private static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private static final EventCodec<ScoredTransaction> SCORED = new EventCodec<>(Topics.TRANSACTIONS_SCORED);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> NAMES = FeatureSet.names();
    private static final int AMOUNT = NAMES.indexOf("amount_log");
    private static final int ZSCORE = NAMES.indexOf("customer_amount_zscore");
    private static final int RAPID = NAMES.indexOf("seconds_since_previous");

    private static final String MASKED = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"TRANSFER","amountMinor":150000,
             "currency":"EUR","customer":{"pseudonym":"cus_pseudonym_1","balanceBeforeMinor":150000,
             "balanceAfterMinor":0},"counterparty":{"pseudonym":"cpt_pseudonym_1"}}""";

    @Test
    void servesTheChampionSwapsOnLifecycleEventsAndRefusesBadArtifacts() throws Exception {
        assertThat(AMOUNT).isNotNegative();
        assertThat(ZSCORE).isNotNegative();
        LabelledRows rows = rows(3_000, 11);
        // Inputs not clipped (inputClip 0, as in artifacts written before the clip existed): the absurd vector below
        // must still overflow the network, to exercise the model-failure path.
        TrainingConfig config = new TrainingConfig(List.of(16), 0.0, 1e-2, 128, 10, 3, 0, 5L, 0.6, 0.2, 0.01, 0.05,
                null, 20, 0);
        ModelArtifact v1 = ModelTrainer.train(rows, FeatureSet.VERSION, "fraud-t1", config).artifact();
        ModelArtifact v2 = ModelTrainer.train(rows, FeatureSet.VERSION, "fraud-t2", config.withSeed(6L)).artifact();
        assertThat(v2.sha256()).isNotEqualTo(v1.sha256());

        // A risky and a quiet vector, chosen with the model itself so both decisions are exercised.
        double[] risky;
        double[] quiet;
        ModelMetadata.Thresholds t = v1.metadata().thresholds();
        try (FraudModel local = FraudModel.load(v1, 1)) {
            double[] scores = local.score(rows.features());
            int hi = 0;
            int lo = 0;
            for (int i = 0; i < scores.length; i++) {
                hi = scores[i] > scores[hi] ? i : hi;
                lo = scores[i] < scores[lo] ? i : lo;
            }
            risky = rows.features()[hi];
            quiet = rows.features()[lo];
            System.out.printf("thresholds %s, highest %.4f, lowest %.4f%n", t, scores[hi], scores[lo]);
            assertThat(scores[hi]).as("a row the model declines").isGreaterThanOrEqualTo(t.decline());
            assertThat(scores[lo]).as("a row the model approves").isLessThan(t.review());
        }
        String riskyId = vector("risky", risky, -1);
        String quietId = vector("quiet", quiet, -1);

        // 1. No champion: the rules answer, even with a full vector.
        assertThat(score(riskyId).scorer()).isEqualTo(Scorer.RULES);
        assertThat(score(riskyId).modelVersion()).isEqualTo("rules-1");

        // 2. An artifact whose bytes do not match the registry's checksum is refused: still the rules.
        stub("/stub/artifacts/fraud-t0", v1.toBytes());
        champion("fraud-t0", "0".repeat(64));
        announce("fraud-t0", "0".repeat(64), FeatureSet.VERSION);
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness().contains("refused"));
        assertThat(score(riskyId).scorer()).isEqualTo(Scorer.RULES);

        // 3. The champion: MODEL verdicts with the version, the artifact's thresholds and reason codes.
        stub("/stub/artifacts/fraud-t1", v1.toBytes());
        champion("fraud-t1", v1.sha256());
        announce("fraud-t1", v1.sha256(), FeatureSet.VERSION);
        await().atMost(Duration.ofSeconds(60)).until(() -> "fraud-t1".equals(score(riskyId).modelVersion()));
        assertThat(readiness()).contains("serving fraud-t1, warmed up before the swap");
        Verdict high = score(riskyId);
        Verdict low = score(quietId);
        assertThat(high.scorer()).isEqualTo(Scorer.MODEL);
        assertThat(high.featureSetVersion()).isEqualTo(FeatureSet.VERSION);
        assertThat(high.degraded()).isEmpty();
        assertThat(high.decision()).isEqualTo(Decision.DECLINE);
        assertThat(low.decision()).isEqualTo(Decision.APPROVE);
        assertThat(high.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (Reason r : high.reasons()) {
            assertThat(r.code()).isEqualTo(ReasonCodes.of(r.feature())).isNotEqualTo(ReasonCodes.OTHER);
            assertThat(r.contribution()).isPositive();
        }
        try (FraudModel local = FraudModel.load(v1, 1)) {
            assertThat(high.score()).isCloseTo(local.score(risky), within(1e-9));
            // The top reason is the feature whose reset to its training median lowers the score most.
            double[] medians = v1.metadata().medians();
            int top = NAMES.indexOf(high.reasons().get(0).feature());
            double topDrop = high.score() - local.score(reset(risky, top, medians[top]));
            assertThat(topDrop).isCloseTo(high.reasons().get(0).contribution(), within(1e-6));
            for (int i = 0; i < NAMES.size(); i++) {
                assertThat(high.score() - local.score(reset(risky, i, medians[i])))
                        .as(NAMES.get(i)).isLessThanOrEqualTo(topDrop + 1e-6);
            }
            // A missing feature takes the artifact's median and is named in degraded.
            Verdict withoutTop = score(vector("risky-missing", risky, top));
            assertThat(withoutTop.degraded()).containsExactly(ModelVerdicts.FEATURE_MISSING + NAMES.get(top));
            assertThat(withoutTop.score()).isCloseTo(high.score() - topDrop, within(1e-9));
        }

        // A model failure (here: values that overflow the network into NaN) is answered by the rules, never a 500.
        double[] absurd = new double[NAMES.size()];
        for (int i = 0; i < absurd.length; i++) {
            absurd[i] = i % 2 == 0 ? 1e308 : -1e308;
        }
        Verdict failed = score(vector("absurd", absurd, -1));
        assertThat(failed.scorer()).isEqualTo(Scorer.RULES);
        assertThat(failed.degraded()).containsExactly(ModelVerdicts.MODEL_FAILED);

        // 4. The stream scores in micro-batches, and the same features to the same score as REST. One burst, so that
        // records share polls: a poison record and a row the model fails on go their own way, the rest is scored.
        Verdict quietRest = score(quietId);
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        Map<String, String> kinds = new HashMap<>();
        String absurdId = null;
        for (int i = 0; i < 60; i++) {
            String id = "tx-" + UUID.randomUUID();
            String customer = "cus_model_" + (i % 7);
            if (i % 15 == 7) {
                burst.add(new ProducerRecord<>(Topics.TRANSACTIONS_ENRICHED_NAME, customer,
                        "{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            String kind = i == 31 ? "absurd" : i % 2 == 0 ? "risky" : "quiet";
            double[] row = kind.equals("absurd") ? absurd : kind.equals("risky") ? risky : quiet;
            absurdId = kind.equals("absurd") ? id : absurdId;
            kinds.put(id, kind);
            burst.add(new ProducerRecord<>(Topics.TRANSACTIONS_ENRICHED_NAME, customer, ENRICHED.encode(
                    EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, new EnrichedTransaction(id,
                            customer, Instant.parse("2025-01-01T10:00:00Z"), ProcessingPath.ASYNC, null,
                            FeatureSet.VERSION, FeatureSet.asMap(row)), Instant.now()))));
        }
        try (TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED_NAME);
                TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED.dlqName())) {
            Infra.kafka().send(burst);
            Map<String, Verdict> streamed = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                scored.next(1, Duration.ofSeconds(30)).forEach(r -> {
                    ScoredTransaction out = SCORED.decode(r.value()).payload();
                    if (kinds.containsKey(out.transactionId())) {
                        streamed.put(out.transactionId(), out.verdict());
                    }
                });
                return streamed.size() == kinds.size();
            });
            for (Map.Entry<String, String> e : kinds.entrySet()) {
                Verdict v = streamed.get(e.getKey());
                switch (e.getValue()) {
                    case "risky" -> {
                        assertThat(v.scorer()).isEqualTo(Scorer.MODEL);
                        assertThat(v.modelVersion()).isEqualTo("fraud-t1");
                        assertThat(v.score()).as("stream = REST score").isCloseTo(high.score(), withinFloat32(high.score()));
                        assertThat(v.reasons()).isEqualTo(high.reasons());
                        assertThat(v.decision()).isEqualTo(Decision.DECLINE);
                    }
                    case "quiet" -> {
                        assertThat(v.score()).as("stream = REST score").isCloseTo(quietRest.score(),
                                withinFloat32(quietRest.score()));
                        assertThat(v.decision()).isEqualTo(Decision.APPROVE);
                        // stream-reasons=FLAGGED (default): approvals on the stream are not explained, REST ones are
                        assertThat(v.reasons()).isEmpty();
                        assertThat(quietRest.reasons()).isNotEmpty();
                    }
                    default -> {
                        assertThat(v.scorer()).isEqualTo(Scorer.RULES);
                        assertThat(v.degraded()).containsExactly(ModelVerdicts.MODEL_FAILED);
                    }
                }
            }
            assertThat(absurdId).isNotNull();
            assertThat(dlq.next(4, Duration.ofSeconds(30))).allSatisfy(r -> assertThat(new String(r.headers()
                    .lastHeader(DeadLetters.REASON_CODE).value(), StandardCharsets.UTF_8)).isNotBlank());
        }
        String batches = given().get("/q/metrics").then().extract().asString();
        assertThat(batches).containsPattern("openfraud_scoring_stream_batch_size_count(\\{[^}]*\\})? [1-9]");

        // 5. A new champion swaps in while requests keep being answered by a model, without an error.
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (running.get()) {
                var response = given().header("Authorization", Tokens.bearer("service"))
                        .contentType("application/json").body(MASKED.formatted(riskyId)).post("/api/v1/score");
                outcomes.add(response.statusCode() == 200 ? response.jsonPath().getString("scorer") + "/"
                        + response.jsonPath().getString("modelVersion") + "/"
                        + response.jsonPath().getList("degraded").size() : "HTTP " + response.statusCode());
            }
        });
        load.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= 5);
            stub("/stub/artifacts/fraud-t2", v2.toBytes());
            champion("fraud-t2", v2.sha256());
            announce("fraud-t2", v2.sha256(), FeatureSet.VERSION);
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.contains("MODEL/fraud-t2/0"));
            int seen = outcomes.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() >= seen + 5);
        } finally {
            running.set(false);
            load.join();
        }
        assertThat(outcomes).allMatch(o -> o.equals("MODEL/fraud-t1/0") || o.equals("MODEL/fraud-t2/0"));
        assertThat(outcomes).contains("MODEL/fraud-t1/0");
        assertThat(score(riskyId).modelVersion()).isEqualTo("fraud-t2");
        assertThat(readiness()).contains("serving fraud-t2, warmed up before the swap");

        // 6. A challenger is scored in shadow on the stream: counted, never deciding.
        announceStage("fraud-t1", v1.sha256(), ModelLifecycleEvent.Stage.CHALLENGER);
        try (TopicTail scored = Infra.kafka().tail(Topics.TRANSACTIONS_SCORED_NAME)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Infra.kafka().produce(Topics.TRANSACTIONS_ENRICHED_NAME, "cus_model_2", ENRICHED.encode(
                        EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, new EnrichedTransaction(
                                "tx-" + UUID.randomUUID(), "cus_model_2", Instant.parse("2025-01-01T10:00:00Z"),
                                ProcessingPath.ASYNC, null, FeatureSet.VERSION, FeatureSet.asMap(risky)),
                                Instant.now())));
                return given().get("/q/metrics").then().extract().asString()
                        .matches("(?s).*openfraud_scoring_shadow_total\\{[^}]*challenger=\"fraud-t1\".*");
            });
            Verdict decided = SCORED.decode(scored.next(1, Duration.ofSeconds(30)).get(0).value()).payload()
                    .verdict();
            assertThat(decided.modelVersion()).isEqualTo("fraud-t2");
            assertThat(decided.scorer()).isEqualTo(Scorer.MODEL);
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("openfraud_scoring_decisions_total\\{[^}]*model_version=\"fraud-t2\"[^}]*"
                + "scorer=\"MODEL\"")
                .containsPattern("openfraud_scoring_latency_seconds_bucket\\{[^}]*path=\"STREAM\"")
                .containsPattern("openfraud_scoring_latency_seconds_bucket\\{[^}]*path=\"REST\"");
    }

    @Test
    void badLifecycleEventsGoToTheDeadLetterTopicWithAReasonCode() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.MODELS_LIFECYCLE.dlqName())) {
            Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", "{not json");
            announce("fraud-other", "a".repeat(64), "features-v0");
            List<String> codes = dlq.next(2, Duration.ofSeconds(30)).stream()
                    .map(r -> new String(r.headers().lastHeader(DeadLetters.REASON_CODE).value(),
                            StandardCharsets.UTF_8)).toList();
            assertThat(codes).containsExactlyInAnyOrder("UNPARSEABLE", "PROCESSING_FAILED");
        }
        assertThat(readiness()).doesNotContain("fraud-other");
    }

    /**
     * The same row scored alone (REST) or inside a stream batch goes through PyTorch's float32 kernels for different
     * matrix shapes, which round differently in the last bits: the scores agree to float32 precision (relative 1e-5
     * after the network's layers), not bit for bit.
     */
    private static org.assertj.core.data.Offset<Double> withinFloat32(double score) {
        return within(Math.abs(score) * 1e-5);
    }

    /** Generated rows: fraud depends on the amount, the amount z-score and rapid repeats; time-ordered. */
    private static LabelledRows rows(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][NAMES.size()];
        boolean[] y = new boolean[n];
        long[] times = new long[n];
        String[] clusters = new String[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < NAMES.size(); j++) {
                x[i][j] = random.nextDouble() < 0.5 ? 0.0 : random.nextGaussian();
            }
            x[i][AMOUNT] = 4 + 2 * random.nextGaussian();
            x[i][ZSCORE] = random.nextGaussian();
            x[i][RAPID] = random.nextDouble() * 3600;
            double logit = -5 + 1.5 * (x[i][AMOUNT] - 4) + 3 * x[i][ZSCORE] + (x[i][RAPID] < 300 ? 3 : 0);
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            times[i] = 1_735_689_600_000L + i * 1_000L;
            clusters[i] = "card-" + (i % 300);
        }
        return new LabelledRows(NAMES, x, y, times, clusters);
    }

    private static double[] reset(double[] row, int index, double value) {
        double[] copy = row.clone();
        copy[index] = value;
        return copy;
    }

    /** Serves {@code row} (without feature {@code omit}, unless -1) as the vector of a new transaction id. */
    private static String vector(String prefix, double[] row, int omit) throws Exception {
        Map<String, Double> features = new HashMap<>(FeatureSet.asMap(row));
        if (omit >= 0) {
            features.remove(NAMES.get(omit));
        }
        String id = prefix + "-" + UUID.randomUUID();
        stub("/stub/vectors/" + id, JSON.writeValueAsBytes(Map.of("featureSetVersion", FeatureSet.VERSION,
                "features", features)));
        return id;
    }

    private static Verdict score(String transactionId) throws Exception {
        String body = given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(transactionId)).post("/api/v1/score").then().statusCode(200)
                .extract().asString();
        return JSON.readValue(body, Verdict.class);
    }

    private static String readiness() {
        return given().get("/q/health/ready").then().extract().asString();
    }

    private static void champion(String version, String sha256) throws Exception {
        stub("/stub/champion", JSON.writeValueAsBytes(Map.of("modelName", "fraud-mlp", "version", version,
                "stage", "CHAMPION", "sha256", sha256, "featureSetVersion", FeatureSet.VERSION,
                "artifactUri", registry() + "/api/v1/models/" + version + "/artifact")));
    }

    private static void announceStage(String version, String sha256, ModelLifecycleEvent.Stage stage) {
        publish(new ModelLifecycleEvent("fraud-mlp", version, stage, FeatureSet.VERSION, sha256,
                registry() + "/api/v1/models/" + version + "/artifact", Map.of(), true, Instant.now()));
    }

    private static void publish(ModelLifecycleEvent event) {
        Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", LIFECYCLE.encode(EventEnvelope.of(
                Topics.MODELS_LIFECYCLE, Services.RETRAINING, event, Instant.now())));
    }

    private static void announce(String version, String sha256, String featureSetVersion) {
        ModelLifecycleEvent event = new ModelLifecycleEvent("fraud-mlp", version, ModelLifecycleEvent.Stage.CHAMPION,
                featureSetVersion, sha256, registry() + "/api/v1/models/" + version + "/artifact", Map.of(), true,
                Instant.now());
        Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", LIFECYCLE.encode(EventEnvelope.of(
                Topics.MODELS_LIFECYCLE, Services.RETRAINING, event, Instant.now())));
    }

    private static String registry() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.model-registry.url", String.class);
    }

    private static void stub(String path, byte[] body) throws Exception {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
    }
}
