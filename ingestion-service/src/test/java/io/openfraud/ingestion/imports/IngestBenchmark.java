package io.openfraud.ingestion.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventJson;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The ingest benchmark: runs only with {@code -Pbench} (the class name does not match surefire's default includes).
 * Boots the service once, like the module's tests (same resources: no second profile), on the embedded PostgreSQL and
 * Kafka broker, and imports, through {@code POST /api/v1/imports}:
 * <ul>
 *   <li>the PaySim evaluation sample ({@code -Dopenfraud.bench.paysim=PATH}, default
 *   {@code ../shared/datasets/paysim/paysim_train_steps001-119.csv} next to the repository; skipped if absent);</li>
 *   <li>{@code -Dopenfraud.bench.rows=N} generated NDJSON rows (default 1,000,000), gzip on the wire.</li>
 * </ul>
 * It prints, for each: upload time, import time (read + validate + mask + store, from the job) and time until the
 * outbox is empty (everything published), as rows/s. Run: {@code ./mvnw -o -B -pl ingestion-service verify -Pbench}.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class IngestBenchmark {

    private static final ObjectMapper JSON = EventJson.newMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void paySimSample() throws Exception {
        Path file = Path.of(System.getProperty("openfraud.bench.paysim",
                Path.of(System.getProperty("openfraud.repository", ".."), "..", "shared", "datasets", "paysim",
                        "paysim_train_steps001-119.csv").toString()));
        if (!Files.isRegularFile(file)) {
            System.out.println("[bench] PaySim sample not found at " + file + "; skipped");
            return;
        }
        run("paysim " + file.getFileName(), "paysim", file, false);
    }

    @Test
    void generatedNdjson() throws Exception {
        int rows = Integer.getInteger("openfraud.bench.rows", 1_000_000);
        Path file = Files.createTempFile("bench-", ".ndjson.gz");
        try {
            long start = System.nanoTime();
            Iterator<SyntheticTransactions.Labelled> generated = SyntheticTransactions.stream(
                    SyntheticTransactions.Options.defaults(System.nanoTime())).iterator();
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                for (int i = 0; i < rows; i++) {
                    SyntheticTransactions.Labelled row = generated.next();
                    ObjectNode node = JSON.valueToTree(row.transaction());
                    node.put("label", row.label().name());
                    out.write(node.toString());
                    out.write('\n');
                }
            }
            System.out.printf(Locale.ROOT, "[bench] generated %d rows (%d MB gzip) in %.1f s%n", rows,
                    Files.size(file) >> 20, (System.nanoTime() - start) / 1e9);
            run("generated ndjson (v2, ~30% card)", "ndjson", file, true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void run(String what, String format, Path file, boolean gzip) throws Exception {
        long jvmCpuStart = jvmCpuNanos();
        java.util.Map<String, Long> threadsStart = threadCpuTicks();
        long pgCpuStart = postgresCpuNanos();
        String loadStart = loadAverage();
        long start = System.nanoTime();
        JsonPath job;
        try (InputStream body = Files.newInputStream(file)) {
            var request = given().header("Authorization", Tokens.bearer("service"))
                    .contentType("application/octet-stream").body(body);
            if (gzip) {
                request = request.header("Content-Encoding", "gzip");
            }
            job = request.post("/api/v1/imports?format=" + format).then().statusCode(202).extract().jsonPath();
        }
        double uploaded = (System.nanoTime() - start) / 1e9;
        long id = job.getLong("id");
        JsonPath[] last = {job};
        // Polled every 250 ms: RestAssured calls cost CPU that the service under test would otherwise have.
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = given().header("Authorization", Tokens.bearer("service")).get("/api/v1/imports/" + id).then()
                    .statusCode(200).extract().jsonPath();
            return !last[0].getString("status").equals("QUEUED") && !last[0].getString("status").equals("RUNNING");
        });
        job = last[0];
        double imported = (System.nanoTime() - start) / 1e9;
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("COMPLETED");
        long rows = job.getLong("rowsRead");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() -> outboxRows() == 0);
        double published = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (jvmCpuNanos() - jvmCpuStart) / 1e9;
        double pgCpu = (postgresCpuNanos() - pgCpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "[bench] %s: %d rows (accepted %d, duplicates %d, rejected %d, malformed %d, "
                + "labels %d)%n", what, rows, job.getLong("accepted"), job.getLong("duplicates"),
                job.getLong("rejected"), job.getLong("malformed"), job.getLong("labelsPublished"));
        System.out.printf(Locale.ROOT, "[bench]   upload (spool) %.1f s; job (read+validate+mask+store) %.1f s = %.0f "
                + "rows/s (service's own figure %.0f rows/s); upload to stored %.1f s = %.0f rows/s; upload to "
                + "published (outbox empty) %.1f s = %.0f rows/s%n", uploaded, imported - uploaded,
                rows / (imported - uploaded), job.getDouble("rowsPerSecond"), imported, rows / imported, published,
                rows / published);
        // CPU seconds, whatever else shares the machine: the service, the broker and this harness (one JVM), and
        // PostgreSQL (its processes). Two cores divided by the CPU a row costs is the ceiling on this machine.
        double perRow = (jvmCpu + pgCpu) / rows * 1e6;
        System.out.printf(Locale.ROOT, "[bench]   CPU: test JVM (service + broker + harness) %.1f s, PostgreSQL %.1f s = "
                + "%.0f us per row -> ceiling on 2 idle cores %.0f rows/s; load average %s at start, %s at end%n",
                jvmCpu, pgCpu, perRow, 2e6 / perRow, loadStart, loadAverage());
        java.util.Map<String, Long> threads = threadCpuTicks();
        threadsStart.forEach((name, ticks) -> threads.merge(name, -ticks, Long::sum));
        StringBuilder top = new StringBuilder();
        threads.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(14)
                .forEach(e -> top.append(String.format(Locale.ROOT, " %s %.1f s (%.0f us/row);", e.getKey(),
                        e.getValue() / 100.0, e.getValue() * 10_000.0 / rows)));
        System.out.println("[bench]   JVM CPU by thread:" + top);
    }

    /** CPU ticks of this JVM's threads (native ones too: GC, JIT), by name with numbers folded, from /proc. */
    private static java.util.Map<String, Long> threadCpuTicks() {
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (Exception e) {
                    // the thread ended
                }
            });
        } catch (Exception e) {
            // no /proc
        }
        return byName;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of this test's PostgreSQL: its postmaster (pid from {@code postmaster.pid} in its data directory) and
     * the processes under it, from /proc (backends that ended count in the postmaster's children time); 0 if unknown.
     */
    private long postgresCpuNanos() {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet dir = sql.executeQuery("SHOW data_directory")) {
            dir.next();
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(dir.getString(1), "postmaster.pid")).get(0)
                    .trim());
            ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
            long ticks = cpuTicks(root.pid(), true)
                    + root.descendants().mapToLong(p -> cpuTicks(p.pid(), false)).sum();
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (Exception e) {
            return 0;
        }
    }

    /** utime + stime (fields 14-15 of /proc/PID/stat), plus the reaped children's (16-17) if asked. */
    private static long cpuTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
        } catch (Exception e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private long outboxRows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
