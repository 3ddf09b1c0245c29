package io.openfraud.retraining.drift.bench;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.features.FeatureSet;
import io.openfraud.retraining.drift.core.BatchDrift;
import io.openfraud.retraining.drift.core.DriftCalculator;
import io.openfraud.retraining.drift.core.DriftFile;
import io.openfraud.retraining.drift.core.DriftReport;
import io.openfraud.retraining.drift.core.DriftSettings;
import io.openfraud.retraining.drift.core.DriftStatistics;
import io.openfraud.retraining.drift.core.FeatureKind;
import io.openfraud.retraining.drift.core.FeatureReference;
import io.openfraud.retraining.drift.core.NumericHistogram;
import io.openfraud.retraining.drift.core.ProductionProfile;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import io.openfraud.retraining.drift.core.ReferenceProfiles;
import io.openfraud.retraining.drift.service.ReferenceService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift benchmarks (only with -Pbench): the per-event cost of the drift update, batch drift of a 10M-row file, and
 * the histogram Wasserstein-1 against the exact value. Writes a Markdown summary to {@code bench.out}.
 */
class DriftBench {

    private static final List<FeatureSet.Feature> FEATURES = FeatureSet.features();
    private static final int ROWS = Integer.getInteger("openfraud.bench.drift.rows", 10_000_000);
    private final StringBuilder out = new StringBuilder();

    @TempDir
    Path dir;

    private static double[] row(Random random, double shift) {
        double[] v = new double[FEATURES.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (FEATURES.get(i).type()) {
                case NUMERIC -> Math.exp(random.nextGaussian()) + shift;
                case CODE -> random.nextInt(4);
                case BINARY -> random.nextDouble() < 0.2 ? 1 : 0;
            };
        }
        return v;
    }

    private static ReferenceProfile reference(int rows) {
        Random random = new Random(1);
        double[][] matrix = new double[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = row(random, 0);
        }
        return ReferenceProfiles.build(matrix, FeatureSet.names(), ReferenceService.categoricalFeatures(), 10, null,
                FeatureSet.VERSION, null, "bench");
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the whole process (all threads), in ns: what the work cost whatever else ran on the cores. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private void line(String s) {
        System.out.println("[bench] " + s);
        out.append(s).append('\n');
    }

    @Test
    void drift() throws Exception {
        line("load average before (1/5/15 min, runnable/total, last pid): " + load() + "; cores: "
                + Runtime.getRuntime().availableProcessors());
        ReferenceProfile ref = reference(200_000);
        perEvent(ref);
        batch(ref);
        wassersteinError();
        line("load average after: " + load());
        String target = System.getProperty("bench.out");
        if (target != null) {
            Files.createDirectories(Path.of(target).getParent());
            Files.writeString(Path.of(target), out.toString());
        }
    }

    private void perEvent(ReferenceProfile ref) {
        Random random = new Random(2);
        int distinct = 20_000;
        List<Map<String, Double>> maps = new ArrayList<>(distinct);
        double[][] arrays = new double[distinct][];
        List<byte[]> encoded = new ArrayList<>(distinct);
        EventCodec<EnrichedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
        for (int i = 0; i < distinct; i++) {
            arrays[i] = row(random, 0.1);
            maps.add(FeatureSet.asMap(arrays[i]));
            encoded.add(codec.encode(EventEnvelope.of(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE,
                    new EnrichedTransaction("tx-" + i, "cus_bench", Instant.now(), ProcessingPath.ASYNC, null,
                            FeatureSet.VERSION, maps.get(i)), Instant.now())));
        }
        int events = 2_000_000;
        double best = Double.MAX_VALUE;
        double bestArray = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        double bestArrayCpu = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            ProductionProfile p = new ProductionProfile(ref);
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < events; i++) {
                p.addVector(maps.get(i % distinct));
            }
            best = Math.min(best, (System.nanoTime() - t0) / (double) events);
            bestCpu = Math.min(bestCpu, (THREADS.getCurrentThreadCpuTime() - c0) / (double) events);
            ProductionProfile q = new ProductionProfile(ref);
            t0 = System.nanoTime();
            c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < events; i++) {
                q.addVector(arrays[i % distinct]);
            }
            bestArray = Math.min(bestArray, (System.nanoTime() - t0) / (double) events);
            bestArrayCpu = Math.min(bestArrayCpu, (THREADS.getCurrentThreadCpuTime() - c0) / (double) events);
            if (p.vectors() != events || q.vectors() != events) {
                throw new AssertionError("not every event was counted");
            }
        }
        double decode = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            long sink = 0;
            for (int i = 0; i < distinct * 5; i++) {
                sink += codec.decode(encoded.get(i % distinct)).payload().features().size();
            }
            decode = Math.min(decode, (THREADS.getCurrentThreadCpuTime() - t0) / (double) (distinct * 5));
            if (sink == 0) {
                throw new AssertionError();
            }
        }
        line(String.format(Locale.ROOT, "per-event drift update, %d features (%d numeric), best of 5 x %,d events: "
                + "from the name->value map (as consumed) %.0f ns/event CPU (%.0f ns wall); from a double[] vector "
                + "%.0f ns CPU (%.0f ns wall); for scale, decoding the event's JSON costs %.0f ns CPU",
                FEATURES.size(), ref.features().stream().filter(f -> f.kind() == FeatureKind.NUMERIC).count(), events,
                bestCpu, best, bestArrayCpu, bestArray, decode));
    }

    private void batch(ReferenceProfile ref) throws Exception {
        List<Integer> numeric = new ArrayList<>();
        List<Integer> categorical = new ArrayList<>();
        for (int i = 0; i < ref.features().size(); i++) {
            (ref.features().get(i).kind() == FeatureKind.NUMERIC ? numeric : categorical).add(i);
        }
        DriftFile.Header header = new DriftFile.Header(numeric.size(), categorical.size(), ROWS);
        Path file = dir.resolve("vectors.drift");
        long g0 = System.nanoTime();
        write(file, header);
        double generated = (System.nanoTime() - g0) / 1e9;
        line(String.format(Locale.ROOT, "batch file: %,d rows x (%d float32 + %d uint8) = %.2f GB (DriftFile format), "
                + "generated in %.1f s (not measured below)", ROWS, numeric.size(), categorical.size(),
                Files.size(file) / 1e9, generated));
        int threads = Runtime.getRuntime().availableProcessors();
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            long c0 = processCpu();
            ProductionProfile p = BatchDrift.profile(ref, file, threads);
            DriftReport report = DriftCalculator.compare(ref, p, null, DriftSettings.defaults(), Instant.EPOCH,
                    Instant.EPOCH, Instant.now());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpu() - c0) / 1e9;
            if (p.vectors() != ROWS) {
                throw new AssertionError("rows counted: " + p.vectors());
            }
            line(String.format(Locale.ROOT, "batch drift run %d: %.2f s wall for %,d rows (%.1f M rows/s, %d threads), "
                    + "%.2f CPU-s (%.2f s if the %d threads had their cores), %d of %d features drifted, load %s",
                    round, seconds, ROWS, ROWS / seconds / 1e6, threads, cpu, cpu / threads, threads,
                    report.dataset().driftedFeatures(), report.dataset().comparedFeatures(), load()));
        }
        Files.delete(file);
    }

    /** Rows like the reference, every numeric feature shifted by 0.1 (about a tenth of its spread). */
    private static void write(Path file, DriftFile.Header h) throws IOException {
        float[] gaussians = new float[1 << 16];
        Random random = new Random(3);
        for (int i = 0; i < gaussians.length; i++) {
            gaussians[i] = (float) (Math.exp(random.nextGaussian()) + 0.1);
        }
        long state = 0x9E3779B97F4A7C15L;
        int rowBytes = h.rowBytes();
        int rowsPerBuffer = (64 << 20) / rowBytes;
        ByteBuffer buffer = ByteBuffer.allocateDirect(rowsPerBuffer * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(DriftFile.HEADER_BYTES);
            DriftFile.writeHeader(head, h);
            head.flip();
            channel.write(head);
            long written = 0;
            while (written < h.rows()) {
                buffer.clear();
                int n = (int) Math.min(rowsPerBuffer, h.rows() - written);
                for (int r = 0; r < n; r++) {
                    for (int i = 0; i < h.numeric(); i++) {
                        state ^= state << 13;
                        state ^= state >>> 7;
                        state ^= state << 17;
                        buffer.putFloat(gaussians[(int) (state & 0xFFFF)]);
                    }
                    for (int j = 0; j < h.categorical(); j++) {
                        state ^= state << 13;
                        state ^= state >>> 7;
                        state ^= state << 17;
                        int u = (int) ((state >>> 20) & 0x3FF);
                        // most categorical columns are flags: 1 with probability ~0.2; a few codes take 0..3
                        buffer.put((byte) (j < 3 ? u & 3 : u < 205 ? 1 : 0));
                    }
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                written += n;
            }
        }
    }

    private void wassersteinError() {
        int n = 1_000_000;
        record Case(String name, DoubleSupplier reference, DoubleSupplier production) {
        }
        Random random = new Random(4);
        List<Case> cases = List.of(
                new Case("normal, shift 0.5 sd", random::nextGaussian, () -> random.nextGaussian() + 0.5),
                new Case("normal, shift 0.05 sd", random::nextGaussian, () -> random.nextGaussian() + 0.05),
                new Case("normal, sd x1.5", random::nextGaussian, () -> random.nextGaussian() * 1.5),
                new Case("lognormal, x1.2 (heavy tail)", () -> Math.exp(random.nextGaussian()),
                        () -> 1.2 * Math.exp(random.nextGaussian())),
                new Case("bimodal vs unimodal", () -> random.nextBoolean() ? random.nextGaussian() - 2
                        : random.nextGaussian() + 2, () -> random.nextGaussian() * 2.2),
                new Case("exponential, rate 1 vs 0.8", () -> -Math.log(1 - random.nextDouble()),
                        () -> -Math.log(1 - random.nextDouble()) / 0.8));
        line("histogram Wasserstein-1 against the exact value (1M values each side; error as a share of the reference "
                + "standard deviation):");
        line("| case | exact W1 | 10 bins | error/sd | 20 bins | error/sd |");
        line("|---|---|---|---|---|---|");
        for (Case c : cases) {
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = c.reference().getAsDouble();
                b[i] = c.production().getAsDouble();
            }
            double exact = DriftStatistics.exactWasserstein(a, b);
            StringBuilder row = new StringBuilder("| " + c.name() + " | " + String.format(Locale.ROOT, "%.4f", exact));
            for (int bins : new int[] {10, 20}) {
                FeatureReference ref = ReferenceProfiles.feature("x", FeatureKind.NUMERIC, a, bins);
                NumericHistogram p = ref.numeric().emptyCopy();
                for (double v : b) {
                    p.add(v);
                }
                double approx = DriftStatistics.wasserstein(ref.numeric(), p);
                row.append(String.format(Locale.ROOT, " | %.4f | %.1e", approx, Math.abs(approx - exact) / ref.std()));
            }
            line(row.append(" |").toString());
        }
    }
}
