package io.openfraud.feature.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.EventJson;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.features.EntityStates;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityStateCodec;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.platform.test.BenchProfile;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.Tokens;
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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The feature-service benchmark ({@code -Pbench} only; see docs/benchmarks.md): fold throughput against Redis alone,
 * stream throughput through Kafka, open-loop vector latency at fixed rates (HdrHistogram, after warm-up, measured
 * from each request's intended start so a stall is not hidden: coordinated omission corrected), bytes per entity,
 * and {@code redis-benchmark} on the same Redis when the binary exists. Load generator and service share the
 * machine. Writes a Markdown table to {@code bench.out}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class FeatureBench {

    private static final int CUSTOMERS = 5_000;
    private static final int HISTORY = 60_000;
    private static final int STREAM = Integer.getInteger("bench.stream", 30_000);
    /** Comma-separated sections to run (default all): fold, stream, bytes, vectors, redis. */
    private static final Set<String> SECTIONS = Set.of(System.getProperty("bench.sections",
            "fold,stream,bytes,vectors,redis").split(","));
    private static final int[] RATES = {500, 1_000, 2_000};
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(20);

    @Inject
    RedisStateStore store;

    @Inject
    MeterRegistry registry;

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redisData;

    private final StringBuilder md = new StringBuilder();
    private final List<String> errorNotes = new ArrayList<>();

    @Test
    void benchmark() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("Run ").append(LocalDate.now()).append(", ").append(cores).append(" cores, ")
                .append(System.getProperty("java.version")).append("; load generator, service, Redis and Kafka on the "
                        + "same machine; load average at start ").append(load()).append(".\n\n");
        TransactionMasker masker = new TransactionMasker(new byte[32], "bench-pseudonym-key-0123456789ab".getBytes());
        List<MaskedTransaction> history = SyntheticTransactions.stream(new SyntheticTransactions.Options(7,
                        CUSTOMERS, 0.02, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(2)))
                .limit(HISTORY + STREAM).map(l -> masker.mask(l.transaction())).toList();

        if (SECTIONS.contains("fold")) {
            foldAlone(history.subList(0, HISTORY));
        } else {
            md.append("### Fold throughput\n\n| path | transactions | time | transactions/s |\n|---|---|---|---|\n");
        }
        if (SECTIONS.contains("stream")) {
            stream(history.subList(HISTORY, HISTORY + STREAM));
        }
        if (!streamCpu.isEmpty()) {
            md.append('\n').append(streamCpu).append('\n');
        }
        if (SECTIONS.contains("bytes")) {
            bytesPerEntity(history.subList(0, HISTORY));
        }
        if (SECTIONS.contains("vectors")) {
            vectors(history.subList(0, HISTORY));
        }
        if (SECTIONS.contains("redis")) {
            redisBenchmark();
        }

        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks/feature-service.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println("\n" + md);
    }

    /** Load, vector, fold (Lua) for each transaction, from 4 threads, against the real Redis: no Kafka, no HTTP. */
    private void foldAlone(List<MaskedTransaction> history) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < history.size(); i = next.getAndIncrement()) {
                    MaskedTransaction tx = history.get(i);
                    Snapshot before = store.load(tx);
                    OnlineFeatures.vector(tx, before);
                    OnlineFeatures.foldOnce(store, tx, before);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        md.append("### Fold throughput\n\n| path | transactions | time | transactions/s |\n|---|---|---|---|\n");
        md.append(String.format("| fold alone: load (MGET+SISMEMBER pipelined) + vector + Lua fold, 4 threads, "
                + "Redis only | %,d | %.1f s | **%,.0f** |%n", history.size(), seconds, history.size() / seconds));
    }

    private void bytesPerEntity(List<MaskedTransaction> history) {
        md.append("\n### Bytes per entity\n\n| entity | sampled | serialised state, mean / max | Redis `MEMORY USAGE` "
                + "(key + value + overhead), mean |\n|---|---|---|---|\n");
        for (EntityKind kind : EntityKind.values()) {
            Set<String> tokens = new HashSet<>();
            for (MaskedTransaction t : history) {
                EntityStates.keysOf(t).stream().filter(k -> k.kind() == kind).map(EntityKey::token)
                        .forEach(tokens::add);
                if (tokens.size() >= 500) {
                    break;
                }
            }
            long bytes = 0;
            long max = 0;
            long memory = 0;
            for (String token : tokens) {
                int size = EntityStateCodec.encode(store.entity(kind, token)).length;
                bytes += size;
                max = Math.max(max, size);
                memory += store.memoryUsage(kind, token);
            }
            md.append(String.format("| %s | %d | %.0f / %d B | %.0f B |%n", kind.id(), tokens.size(),
                    (double) bytes / tokens.size(), max, (double) memory / tokens.size()));
        }
    }

    /** Records published to transactions.validated, timed until the service has folded them all. */
    private void stream(List<MaskedTransaction> batch) {
        EventCodec<ValidatedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (MaskedTransaction t : batch) {
            records.add(new ProducerRecord<>(Topics.TRANSACTIONS_VALIDATED_NAME, t.customer().pseudonym(),
                    codec.encode(EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED, Services.INGESTION,
                            new ValidatedTransaction(t, ProcessingPath.ASYNC, null, List.of(), Instant.now()),
                            Instant.now()))));
        }
        double before = folded();
        BenchProfile profile = BenchProfile.start("stream");
        java.util.Map<String, Long> cpuBefore = cpuByRole();
        long redisBefore = redisCpuMicros();
        long started = System.nanoTime();
        Infra.kafka().send(records);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (folded() < before + batch.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling a counter, not synchronising a test
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double done = folded() - before;
        java.util.Map<String, Long> cpuAfter = cpuByRole();
        long redisCpu = redisCpuMicros() - redisBefore;
        StringBuilder cpu = new StringBuilder();
        long serviceAndStores = redisCpu * 1_000;
        for (String role : List.of("service", "kafka broker", "load generator", "other")) {
            long nanos = cpuAfter.getOrDefault(role, 0L) - cpuBefore.getOrDefault(role, 0L);
            if (!role.equals("load generator") && !role.equals("other")) {
                serviceAndStores += nanos;
            }
            cpu.append(String.format("%s %.0f us, ", role, nanos / 1e3 / done));
        }
        cpu.append(String.format("redis-server %.0f us", redisCpu / done));
        streamCpu = String.format("CPU per transaction (thread CPU time / transactions): %s. Service + broker + "
                + "Redis: %.0f us per transaction, so 2 idle cores would carry about %,.0f transactions/s.",
                cpu, serviceAndStores / 1e3 / done, 2e9 / (serviceAndStores / done));
        profile.close();
        md.append(String.format("| stream: transactions.validated -> vector -> transactions.enriched (acks=all) -> "
                + "fold (load average after: %s) | %,.0f | %.1f s | **%,.0f** |%n", load(), done, seconds,
                done / seconds));
    }

    private String streamCpu = "";

    /** CPU time of this JVM's live threads, grouped by who they work for (the broker runs in this JVM). */
    private static java.util.Map<String, Long> cpuByRole() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byRole = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            String name = info.getThreadName();
            String role;
            if (name.startsWith("executor-thread") || name.startsWith("vert.x-eventloop")
                    || name.startsWith("smallrye-kafka") || name.contains("kafka-producer-transactions-enriched")
                    || name.contains("kafka-consumer-transactions-validated")) {
                role = "service";
            } else if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-")
                    || name.startsWith("quorum-controller") || name.startsWith("broker-")
                    || name.startsWith("controller-") || name.startsWith("ExpirationReaper")
                    || name.startsWith("LogDirFailureHandler") || name.startsWith("group-coordinator")) {
                role = name.contains("openfraud-test-producer") ? "load generator" : "kafka broker";
            } else if (name.equals("main") || name.contains("openfraud-test-producer")) {
                role = "load generator";
            } else {
                role = "other";
            }
            byRole.merge(role, nanos, Long::sum);
        }
        return byRole;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** redis-server's own CPU (user + system) in microseconds, from {@code INFO cpu}. */
    private long redisCpuMicros() {
        String info = redisData.execute("INFO", "cpu").toString();
        double seconds = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return (long) (seconds * 1e6);
    }

    /** The machine's 1/5/15-minute load average ({@code /proc/loadavg}), as {@code uptime} prints it. */
    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private double folded() {
        return registry.get("features.folded").counter().count();
    }

    private void vectors(List<MaskedTransaction> known) throws Exception {
        ObjectMapper mapper = EventJson.newMapper();
        SplittableRandom random = new SplittableRandom(11);
        List<Buffer> bodies = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            MaskedTransaction t = known.get(random.nextInt(known.size()));
            bodies.add(Buffer.buffer(mapper.writeValueAsBytes(new MaskedTransaction("bench-" + i,
                    t.timestamp().plusSeconds(60), t.type(), t.amountMinor(), t.currency(), t.customer(),
                    t.counterparty(), t.card(), t.context()))));
        }
        String token = Tokens.bearer("service");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        BenchProfile profile = BenchProfile.start("vectors");
        md.append("\n### `POST /api/v1/features/vector`, open loop\n\n| rate (req/s) | sent | errors | p50 | p99 | "
                + "p99.9 | max | CPU per request: JVM (service + load generator) + redis-server | load average after |"
                + "\n|---|---|---|---|---|---|---|---|---|\n");
        try {
            for (int rate : RATES) {
                // JIT warm-up: three times longer before the first rate (the path is cold then)
                run(client, bodies, token, rate, rate == RATES[0] ? WARM_UP.multipliedBy(3) : WARM_UP, null);
                Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                long cpuBefore = processCpuNanos();
                long redisBefore = redisCpuMicros();
                long[] counts = run(client, bodies, token, rate, MEASURE, h);
                double jvmCpu = (processCpuNanos() - cpuBefore) / 1e3 / counts[0];
                double redisCpu = (double) (redisCpuMicros() - redisBefore) / counts[0];
                md.append(String.format("| %,d | %,d | %d | %s | %s | %s | %s | %.0f + %.0f us | %s |%n", rate,
                        counts[0], counts[1], ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
                        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), jvmCpu, redisCpu, load()));
            }
        } finally {
            client.close();
            vertx.close();
            profile.close();
        }
        errorNotes.forEach(n -> md.append("\nErrors: ").append(n).append('\n'));
    }

    /** Sends at {@code rate} for {@code duration}; latency is measured from each request's intended start. */
    private long[] run(HttpClient client, List<Buffer> bodies, String token, int rate, Duration duration,
            Histogram into) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.ConcurrentHashMap<String, Long> reasons = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicLong outstanding = new AtomicLong();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = duration.toNanos() / interval;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                .setPort(RestAssured.port).setURI("/api/v1/features/vector")
                .putHeader("Authorization", token).putHeader("Content-Type", "application/json");
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Buffer body = bodies.get((int) (i % bodies.size()));
            outstanding.incrementAndGet();
            client.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp))
                    .onComplete(ar -> {
                        recorder.recordValue(Math.max(0, System.nanoTime() - intended));
                        if (ar.failed() || ar.result().statusCode() != 200) {
                            errors.incrementAndGet();
                            reasons.merge(ar.failed() ? ar.cause().getClass().getSimpleName() + ": "
                                    + ar.cause().getMessage() : "HTTP " + ar.result().statusCode(), 1L, Long::sum);
                        }
                        outstanding.decrementAndGet();
                    });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Histogram h = recorder.getIntervalHistogram();
        if (into != null) {
            into.add(h);
            reasons.forEach((reason, n) -> errorNotes.add(rate + " req/s: " + n + " x " + reason));
        }
        return new long[] {total, errors.get() + outstanding.get()};
    }

    private static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    private void redisBenchmark() {
        md.append("\n### Redis on this machine (`redis-benchmark`, same server)\n\n");
        int port = Infra.redis().port();
        List<String> get = redisBenchmark(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-t", "get", "-n", "200000", "-c", "50", "-q"));
        List<String> hset = redisBenchmark(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-t", "hset", "-n", "1000000", "-c", "50", "-P", "16", "-q"));
        if (get == null || hset == null) {
            md.append("`redis-benchmark` is not installed here (embedded-redis ships only `redis-server`; Debian's "
                    + "`redis-tools` has it): not measured.\n");
            return;
        }
        md.append("| command | result |\n|---|---|\n");
        get.forEach(l -> md.append("| GET, 50 clients, no pipeline | ").append(l).append(" |\n"));
        hset.forEach(l -> md.append("| HSET, 50 clients, pipeline 16 | ").append(l).append(" |\n"));
    }

    private static List<String> redisBenchmark(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String clean = line.replaceAll(".*\r", "").strip();
                    if (clean.contains("requests per second")) {
                        lines.add(clean);
                    }
                }
            }
            return p.waitFor() == 0 && !lines.isEmpty() ? lines : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
