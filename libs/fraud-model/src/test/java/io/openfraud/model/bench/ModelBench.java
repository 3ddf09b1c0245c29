package io.openfraud.model.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.features.FeatureSet;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.network.FraudNetwork;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.ModelTrainer;
import io.openfraud.model.training.SyntheticTrainingSet;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.model.training.TrainingReport;
import io.openfraud.model.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * -Pbench only: training throughput per epoch on generated rows (features from the offline point-in-time builder),
 * then single-row and batch prediction latency through the predictor pool, and the plain-Java forward pass.
 * Prints the load average before and after: the machine is shared.
 */
class ModelBench {

    private final List<String> lines = new ArrayList<>();

    @Test
    void trainAndPredict() throws IOException {
        int rows = Integer.getInteger("openfraud.bench.rows", 1_000_000);
        String loadBefore = load();
        long t0 = System.nanoTime();
        LabelledRows data = SyntheticTrainingSet.generate(99, rows, Math.max(500, rows / 200), 0.02);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        report("generate + mask + point-in-time features: %,d rows, %,d frauds in %.1f s (%,.0f rows/s)", data.size(),
                data.frauds(), buildSeconds, data.size() / buildSeconds);

        TrainingConfig config = TrainingConfig.defaults().withEpochs(3, 3);
        List<Long> epochEnds = new ArrayList<>();
        long t1 = System.nanoTime();
        TrainingResult result = ModelTrainer.train(data, FeatureSet.VERSION, "bench-1", config,
                (epoch, max, ap) -> {
                    epochEnds.add(System.nanoTime());
                    report("epoch %d/%d: validation PR-AUC %.4f, %.1f s since start", epoch, max, ap,
                            (System.nanoTime() - t1) / 1e9);
                });
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        TrainingReport r = result.report();
        report("training (%s, batch %d, %d epochs, incl. validation, calibration, test scoring): %.1f s; "
                + "training steps only: %,.0f rows/s per epoch over %,d training rows", config.hidden(),
                config.batchSize(), r.epochs(), trainSeconds, r.trainingRowsPerSecond(), r.train().rows());
        report("test window: model PR-AUC %.4f, rules PR-AUC %.4f, %d test frauds", r.model().prAuc(),
                r.rules().prAuc(), r.test().frauds());

        try (FraudModel model = FraudModel.load(result.artifact(), 1)) {
            double[][] sample = Arrays.copyOf(data.features(), 20_000);
            // warm up
            for (int i = 0; i < 5_000; i++) {
                model.score(sample[i]);
                model.scoreInJava(sample[i]);
            }
            long[] single = new long[sample.length];
            for (int i = 0; i < sample.length; i++) {
                long s = System.nanoTime();
                model.score(sample[i]);
                single[i] = System.nanoTime() - s;
            }
            Arrays.sort(single);
            report("single-row predict (DJL, normalise + calibrate, 1 thread): p50 %.1f us, p99 %.1f us, "
                    + "max %.1f us over %,d calls", single[single.length / 2] / 1e3,
                    single[(int) (single.length * 0.99)] / 1e3, single[single.length - 1] / 1e3, single.length);

            for (int batch : new int[] {16, 256}) {
                double[][][] batches = new double[sample.length / batch][][];
                for (int b = 0; b < batches.length; b++) {
                    batches[b] = Arrays.copyOfRange(sample, b * batch, (b + 1) * batch);
                }
                long[] perBatch = new long[batches.length];
                long start = System.nanoTime();
                for (int b = 0; b < batches.length; b++) {
                    long s = System.nanoTime();
                    model.score(batches[b]);
                    perBatch[b] = System.nanoTime() - s;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Arrays.sort(perBatch);
                report("batch-%d predict: p50 %.1f us per batch, %,.0f rows/s", batch,
                        perBatch[perBatch.length / 2] / 1e3, batches.length * batch / seconds);
            }

            long[] java = new long[sample.length];
            double checksum = 0;
            for (int i = 0; i < sample.length; i++) {
                long s = System.nanoTime();
                checksum += model.scoreInJava(sample[i]);
                java[i] = System.nanoTime() - s;
            }
            Arrays.sort(java);
            report("plain-Java forward (normalise + MLP + calibrate): p50 %.1f us, p99 %.1f us per row",
                    java[java.length / 2] / 1e3, java[(int) (java.length * 0.99)] / 1e3);
            double maxDiff = 0;
            double[] djl = model.score(Arrays.copyOf(sample, 2_000));
            for (int i = 0; i < djl.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(djl[i] - model.scoreInJava(sample[i])));
            }
            report("max |DJL - plain Java| over 2,000 rows: %.2e (checksum %.3f)", maxDiff, checksum);
            assertThat(maxDiff).isLessThan(1e-5);
            float[] unused = FraudNetwork.normalize(sample[0], model.metadata().normalization());
            assertThat(unused).hasSize(FeatureSet.names().size());
        }
        report("load average before: %s; after: %s (2 cores shared with other builds)", loadBefore, load());
        write();
    }

    private void report(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[bench] " + line);
        lines.add(line);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private void write() throws IOException {
        String out = System.getProperty("bench.out");
        if (out == null) {
            return;
        }
        Path path = Path.of(out);
        Files.createDirectories(path.getParent());
        StringBuilder md = new StringBuilder("# fraud-model benchmark, " + Instant.now() + "\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        Files.writeString(path, md.toString());
    }
}
