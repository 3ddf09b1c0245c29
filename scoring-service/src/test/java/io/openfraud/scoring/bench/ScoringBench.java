package io.openfraud.scoring.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.network.FraudNetwork;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.ModelTrainer;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.platform.test.BenchProfile;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.openfraud.scoring.RegistryStubResource;
import io.openfraud.scoring.model.ChampionHolder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The scoring benchmark ({@code -Pbench} only; see docs/benchmarks.md): bare DJL predict and the plain-Java forward
 * pass of the same weights (one row, a batch), the service's {@code POST /api/v1/score} over them, open-loop latency
 * at fixed rates (HdrHistogram, from each request's intended start: coordinated omission corrected, JWT on), p99
 * during 20 hot swaps at 500 req/s against the steady state, and the micro-batched stream's throughput. Everything
 * (service, broker, registry/feature stub, load generator) shares the machine. Writes Markdown to {@code bench.out}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "scoring"))
class ScoringBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private static final EventCodec<ModelLifecycleEvent> LIFECYCLE = new EventCodec<>(Topics.MODELS_LIFECYCLE);
    private static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private static final List<String> NAMES = FeatureSet.names();
    private static final int[] RATES = {250, 500, 1_000};
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 5));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.measure.seconds", 15));
    private static final int STREAM = Integer.getInteger("bench.stream", 50_000);
    private static final int VECTORS = 500;
    /** Sections to run: {@code rest} (latency and swaps), {@code stream}; both by default. */
    private static final String SECTIONS = System.getProperty("bench.sections", "rest,stream");
    private static final String MASKED = "{\"transactionId\":\"%s\",\"timestamp\":\"2025-01-01T10:00:00Z\","
            + "\"type\":\"TRANSFER\",\"amountMinor\":150000,\"currency\":\"EUR\",\"customer\":{\"pseudonym\":"
            + "\"cus_bench_1\",\"balanceBeforeMinor\":150000,\"balanceAfterMinor\":0},\"counterparty\":"
            + "{\"pseudonym\":\"cpt_bench_1\"}}";

    @Inject
    ChampionHolder champion;

    @Inject
    MeterRegistry meters;

    private final StringBuilder md = new StringBuilder();
    private final StringBuilder errorNotes = new StringBuilder();

    @Test
    void benchmark() throws Exception {
        md.append("Run ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append("; service, broker, "
                        + "registry/feature stub and load generator in one JVM on the same machine; load average at "
                        + "start ").append(load()).append(".\n\n");
        LabelledRows rows = rows(3_000, 11);
        // the network the platform trains by default (TrainingConfig.defaults()), few epochs: its cost is the point
        TrainingConfig config = TrainingConfig.defaults().withEpochs(5, 3).withSeed(5L);
        ModelArtifact v1 = ModelTrainer.train(rows, FeatureSet.VERSION, "bench-1", config).artifact();
        ModelArtifact v2 = ModelTrainer.train(rows, FeatureSet.VERSION, "bench-2", config.withSeed(6L)).artifact();
        stub("/stub/artifacts/bench-1", v1.toBytes());
        stub("/stub/artifacts/bench-2", v2.toBytes());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < VECTORS; i++) {
            String id = "bench-" + i;
            stub("/stub/vectors/" + id, JSON.writeValueAsBytes(Map.of("featureSetVersion", FeatureSet.VERSION,
                    "features", FeatureSet.asMap(rows.features()[i]))));
            ids.add(id);
        }
        promote("bench-1", v1);

        double[] model = modelAlone(v1, rows.features());
        if (SECTIONS.contains("rest")) {
            rest(ids, v1, v2, model);
        }
        if (SECTIONS.contains("stream")) {
            stream(rows.features());
        }

        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks/scoring-service.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println("\n" + md);
    }

    /** Open-loop latency of {@code POST /api/v1/score} at each rate, then p99 during 20 hot swaps at 500 req/s. */
    private void rest(List<String> ids, ModelArtifact v1, ModelArtifact v2, double[] model) throws Exception {
        double restUs = -1;
        Histogram steady500 = null;
        md.append("\n### `POST /api/v1/score`, open loop (JWT on; features from the stub over HTTP)\n\n| rate (req/s)"
                + " | sent | errors | p50 | p99 | p99.9 | max | JVM CPU per request | load average after |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        List<Buffer> bodies = ids.stream().map(id -> Buffer.buffer(MASKED.formatted(id))).toList();
        String token = Tokens.bearer("service");
        try {
            for (int rate : RATES) {
                run(client, bodies, token, rate, rate == RATES[0] ? WARM_UP.multipliedBy(3) : WARM_UP, null);
                Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                errorKinds();
                long cpu = processCpuNanos();
                long[] counts = run(client, bodies, token, rate, MEASURE, h);
                double cpuUs = (processCpuNanos() - cpu) / 1e3 / counts[0];
                row(rate + "", counts, h, cpuUs);
                errorNotes.append(String.format("- errors at %d req/s: %s%n", rate, errorKinds()));
                if (rate == 500) {
                    steady500 = h;
                }
                if (rate == RATES[0]) {
                    restUs = h.getValueAtPercentile(50) / 1e3;
                }
            }
            md.append("\n").append(errorNotes);
            md.append(String.format("%nService overhead at 250 req/s: REST p50 %.0f us = **%.0fx** the bare DJL "
                    + "predict of one row (%.1f us) and **%.0fx** the plain-Java forward pass (%.2f us); it includes "
                    + "the JWT check, the schema validation, the feature-service call (to a JDK HttpServer stub) and "
                    + "the occlusion reasons (plain-Java passes over the same weights, first layer reused per feature).%n",
                    restUs, restUs / model[0], model[0], restUs / model[2], model[2]));

            swaps(client, bodies, token, v1, v2, steady500);
        } finally {
            client.close();
            vertx.close();
        }
    }

    /** Bare DJL predict and the Java forward pass, one row and a batch of 256: microseconds per call and per row. */
    private double[] modelAlone(ModelArtifact artifact, double[][] x) {
        int batch = 256;
        double[][] rows = java.util.Arrays.copyOf(x, batch);
        float[][] normalized = FraudNetwork.normalize(rows, artifact.metadata().normalization());
        double[] out = new double[4];
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            var forward = model.javaForward();
            for (int round = 0; round < 2; round++) { // the first round is the JIT warm-up
                int n = round == 0 ? 5_000 : 20_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    model.score(rows[i % batch]);
                }
                out[0] = (System.nanoTime() - t0) / 1e3 / n;
                int nb = n / 50;
                t0 = System.nanoTime();
                for (int i = 0; i < nb; i++) {
                    model.score(rows);
                }
                out[1] = (System.nanoTime() - t0) / 1e3 / nb;
                t0 = System.nanoTime();
                double sink = 0;
                for (int i = 0; i < n * 10; i++) {
                    sink += forward.logit(normalized[i % batch]);
                }
                out[2] = (System.nanoTime() - t0) / 1e3 / (n * 10);
                t0 = System.nanoTime();
                for (int i = 0; i < nb; i++) {
                    for (float[] r : normalized) {
                        sink += forward.logit(r);
                    }
                }
                out[3] = (System.nanoTime() - t0) / 1e3 / nb;
                assertThat(sink).isNotNaN();
            }
        }
        md.append(String.format("### Model alone (network %s, %d features; one thread)%n%n| path | one row | batch "
                + "of %d | per row in the batch |%n|---|---|---|---|%n| DJL PyTorch predict (normalise, "
                + "NDArray, forward, calibrate) | %.1f us | %.1f us | %.2f us |%n| plain-Java forward pass, same "
                + "weights | %.2f us | %.1f us | %.2f us |%n", artifact.metadata().network(), NAMES.size(), batch,
                out[0], out[1], out[1] / batch, out[2], out[3], out[3] / batch));
        System.out.printf("[bench] model alone: DJL %.1f us/row single, %.2f us/row in batches of %d; Java %.2f "
                + "us/row (load %s)%n", out[0], out[1] / batch, batch, out[2], load());
        return out;
    }

    /** 20 promotions of alternating versions while 500 req/s are sent; p99 during the swaps vs steady state. */
    private void swaps(HttpClient client, List<Buffer> bodies, String token, ModelArtifact v1, ModelArtifact v2,
            Histogram steady) throws Exception {
        int swaps = 20;
        Histogram during = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[][] counts = new long[1][];
        Duration window = Duration.ofSeconds(Long.getLong("bench.swap.seconds", 40));
        Thread load = new Thread(() -> {
            try {
                counts[0] = run(client, bodies, token, 500, window, during);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-swap-load");
        long started = System.nanoTime();
        load.start();
        int done = 0;
        List<Long> swapMillis = new ArrayList<>();
        for (int i = 0; i < swaps; i++) {
            ModelArtifact next = i % 2 == 0 ? v2 : v1;
            String version = next.metadata().modelVersion();
            long t0 = System.nanoTime();
            promote(version, next);
            swapMillis.add((System.nanoTime() - t0) / 1_000_000);
            done++;
        }
        long swapSeconds = (System.nanoTime() - started) / 1_000_000_000;
        load.join();
        String swapErrors = errorKinds();
        double ratio = (double) during.getValueAtPercentile(99) / steady.getValueAtPercentile(99);
        md.append(String.format("%n### Hot swaps under load%n%n%d swaps (alternating bench-1/bench-2 promoted on "
                + "models.lifecycle, each loaded, verified, warmed up and swapped) in %d s, while 500 req/s ran for "
                + "%d s: %,d sent, **%d errors**; p50 %s, p99 **%s** (steady state at 500 req/s: %s), p99.9 %s, max "
                + "%s. p99 during swaps / steady p99 = **%.2fx** (goal <= 2x). Announce-to-serving per swap: median "
                + "%d ms. Errors by kind: %s. Load average after: %s.%n", done, swapSeconds, window.toSeconds(), counts[0][0],
                counts[0][1], ms(during.getValueAtPercentile(50)), ms(during.getValueAtPercentile(99)),
                ms(steady.getValueAtPercentile(99)), ms(during.getValueAtPercentile(99.9)),
                ms(during.getMaxValue()), ratio, swapMillis.stream().sorted().toList().get(swapMillis.size() / 2),
                swapErrors, load()));
        System.out.printf("[bench] swaps: %d in %d s at 500 req/s, %d errors, p99 %s vs steady %s = %.2fx (load %s)%n",
                done, swapSeconds, counts[0][1], ms(during.getValueAtPercentile(99)),
                ms(steady.getValueAtPercentile(99)), ratio, load());
    }

    /** Enriched records published at once, timed until the consumer has scored and published them all. */
    private void stream(double[][] x) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(STREAM);
        Instant now = Instant.now();
        for (int i = 0; i < STREAM; i++) {
            String customer = "cus_stream_" + (i % 1_000);
            records.add(new ProducerRecord<>(Topics.TRANSACTIONS_ENRICHED_NAME, customer, ENRICHED.encode(
                    EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, new EnrichedTransaction(
                            "st-" + i, customer, now, ProcessingPath.ASYNC, null, FeatureSet.VERSION,
                            FeatureSet.asMap(x[i % x.length])), now))));
        }
        double before = streamed();
        BenchProfile profile = BenchProfile.start("stream");
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        Infra.kafka().send(records);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> streamed() >= before + STREAM);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuUs = (processCpuNanos() - cpu) / 1e3 / STREAM;
        profile.close();
        var sizes = meters.get("openfraud.scoring.stream.batch.size").summary();
        md.append(String.format("%n### Stream (micro-batched consumer)%n%n| records | time | records/s | mean batch "
                + "| JVM CPU per record (service + broker + producer) | load average after |%n|---|---|---|---|---|---|%n"
                + "| %,d | %.1f s | **%,.0f** | %.0f | %.0f us | %s |%n", STREAM, seconds, STREAM / seconds,
                sizes.mean(), cpuUs, load()));
        System.out.printf("[bench] stream: %,d records in %.1f s = %,.0f records/s, mean batch %.0f, %.0f us CPU per "
                + "record (load %s)%n", STREAM, seconds, STREAM / seconds, sizes.mean(), cpuUs, load());
    }

    private double streamed() {
        var summary = meters.find("openfraud.scoring.stream.batch.size").summary();
        return summary == null ? 0 : summary.totalAmount();
    }

    private void row(String rate, long[] counts, Histogram h, double cpuUs) {
        md.append(String.format("| %s | %,d | %d | %s | %s | %s | %s | %.0f us | %s |%n", rate, counts[0], counts[1],
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()), cpuUs, load()));
        System.out.printf("[bench] POST /api/v1/score at %s req/s: %,d sent, %d errors, p50 %s p99 %s p99.9 %s, %.0f us"
                + " CPU/request (load %s)%n", rate, counts[0], counts[1], ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), cpuUs, load());
    }

    /**
     * Sends at {@code rate} for {@code duration}; latency from each request's intended start. An error is a non-200
     * or an answer not from the model (a swap must never fall back to the rules).
     */
    /** Errors by kind since the last {@link #errorKinds()}: HTTP status, scorer and degradation, or exception. */
    private static final java.util.concurrent.ConcurrentMap<String, AtomicLong> ERRORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Null for a model answer, else what went wrong. */
    private static String outcome(int status, String body) {
        if (status != 200) {
            return "HTTP " + status;
        }
        if (body.contains("\"scorer\":\"MODEL\"")) {
            return null;
        }
        try {
            var json = JSON.readTree(body);
            if (!json.has("scorer")) {
                return "200 without a verdict: " + (body.isEmpty() ? "(empty body)"
                        : body.substring(0, Math.min(80, body.length())));
            }
            return "scorer " + json.path("scorer").asText() + " degraded " + json.path("degraded");
        } catch (java.io.IOException e) {
            return "unreadable answer";
        }
    }

    /** The error kinds counted since the last call, then cleared. */
    private static String errorKinds() {
        String kinds = ERRORS.isEmpty() ? "none" : new java.util.TreeMap<>(ERRORS).toString();
        ERRORS.clear();
        return kinds;
    }

    /** The load generator's Vert.x (one event loop), set by {@link #rest}. */
    private static Vertx vertx;

    private static long[] run(HttpClient client, List<Buffer> bodies, String token, int rate, Duration duration,
            Histogram into) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = duration.toNanos() / interval;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        io.vertx.core.Context context = vertx.getOrCreateContext();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                .setPort(RestAssured.port).setURI("/api/v1/score")
                .putHeader("Authorization", token).putHeader("Content-Type", "application/json");
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Buffer body = bodies.get((int) (i % bodies.size()));
            outstanding.incrementAndGet();
            // Sent from the client's event loop, so the body handler is attached in the same task that receives the
            // response: sent from this thread, a fast answer's body could end before the handler was attached, and
            // the response then read as an empty 200.
            context.runOnContext(ignored -> client.request(options).compose(req -> req.send(body))
                    .compose(resp -> resp.body().map(b -> outcome(resp.statusCode(), b.toString())))
                    .onComplete(ar -> {
                        recorder.recordValue(Math.max(0, System.nanoTime() - intended));
                        String outcome = ar.failed() ? ar.cause().getClass().getSimpleName() : ar.result();
                        if (outcome != null) {
                            errors.incrementAndGet();
                            ERRORS.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        }
                        outstanding.decrementAndGet();
                    }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (into != null) {
            into.add(recorder.getIntervalHistogram());
        }
        return new long[] {total, errors.get() + outstanding.get()};
    }

    /** The registry's champion alias set to {@code version}, announced on models.lifecycle; waits until served. */
    private void promote(String version, ModelArtifact artifact) throws Exception {
        stub("/stub/champion", JSON.writeValueAsBytes(Map.of("modelName", "fraud-mlp", "version", version,
                "stage", "CHAMPION", "sha256", artifact.sha256(), "featureSetVersion", FeatureSet.VERSION,
                "artifactUri", registry() + "/api/v1/models/" + version + "/artifact")));
        ModelLifecycleEvent event = new ModelLifecycleEvent("fraud-mlp", version, ModelLifecycleEvent.Stage.CHAMPION,
                FeatureSet.VERSION, artifact.sha256(), registry() + "/api/v1/models/" + version + "/artifact",
                Map.of(), true, Instant.now());
        Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", LIFECYCLE.encode(EventEnvelope.of(
                Topics.MODELS_LIFECYCLE, Services.RETRAINING, event, Instant.now())));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> champion.version().filter(version::equals).isPresent());
    }

    private static LabelledRows rows(int n, long seed) {
        Random random = new Random(seed);
        int amount = NAMES.indexOf("amount_log");
        int zscore = NAMES.indexOf("customer_amount_zscore");
        double[][] x = new double[n][NAMES.size()];
        boolean[] y = new boolean[n];
        long[] times = new long[n];
        String[] clusters = new String[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < NAMES.size(); j++) {
                x[i][j] = random.nextDouble() < 0.5 ? 0.0 : random.nextGaussian();
            }
            x[i][amount] = 4 + 2 * random.nextGaussian();
            x[i][zscore] = random.nextGaussian();
            double logit = -4 + 1.5 * (x[i][amount] - 4) + 3 * x[i][zscore];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            times[i] = 1_735_689_600_000L + i * 1_000L;
            clusters[i] = "card-" + (i % 300);
        }
        return new LabelledRows(NAMES, x, y, times, clusters);
    }

    private static String registry() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.model-registry.url", String.class);
    }

    private static void stub(String path, byte[] body) throws Exception {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry() + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }
}
