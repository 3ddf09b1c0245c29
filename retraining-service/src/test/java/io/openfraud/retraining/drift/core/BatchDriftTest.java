package io.openfraud.retraining.drift.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchDriftTest {

    @Test
    void edgeCountingBinsLikeTheHistogram() {
        for (double[] edges : new double[][] {{5}, {0, 1}, {0, 1, 2, 3.5}}) {
            NumericHistogram h = new NumericHistogram(edges);
            for (double x : new double[] {-1, 0, 0.5, 1, 1.5, 2, 3.5, 4, 5, 6}) {
                assertThat(BatchDrift.bin(edges, x)).as("x=%s edges=%s", x, edges.length).isEqualTo(h.binOf(x));
            }
        }
    }

    @Test
    void aFileScannedByParallelWorkersGivesTheSameProfileAsCountingEventByEvent(@TempDir Path dir)
            throws IOException {
        Random random = new Random(11);
        double[][] reference = new double[500][];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = new double[] {random.nextGaussian(), random.nextInt(3), (float) random.nextDouble()};
        }
        ReferenceProfile ref = ReferenceProfiles.build(reference, List.of("a", "c", "b"), Set.of("c"), 10, null,
                "features-v1", null, "test");
        int rows = 1001;
        ByteBuffer b = ByteBuffer.allocate(DriftFile.HEADER_BYTES + rows * 9).order(ByteOrder.LITTLE_ENDIAN);
        DriftFile.writeHeader(b, new DriftFile.Header(2, 1, rows));
        ProductionProfile expected = new ProductionProfile(ref);
        for (int r = 0; r < rows; r++) {
            float a = (float) (random.nextGaussian() + 0.3);
            float bb = (float) random.nextDouble();
            int c = random.nextInt(4);
            b.putFloat(a).putFloat(bb).put((byte) c);
            expected.addVector(new double[] {a, c, bb});
        }
        Path file = dir.resolve("vectors.drift");
        Files.write(file, b.array());
        ProductionProfile actual = BatchDrift.profile(ref, file, 3);
        assertThat(actual.vectors()).isEqualTo(rows);
        assertThat(((NumericHistogram) actual.histogram(0)).counts())
                .containsExactly(((NumericHistogram) expected.histogram(0)).counts());
        assertThat(((NumericHistogram) actual.histogram(2)).counts())
                .containsExactly(((NumericHistogram) expected.histogram(2)).counts());
        assertThat(((CategoricalHistogram) actual.histogram(1)).asMap())
                .isEqualTo(((CategoricalHistogram) expected.histogram(1)).asMap());
        assertThat(DriftStatistics.wasserstein(ref.features().get(0).numeric(), (NumericHistogram) actual.histogram(0)))
                .isCloseTo(DriftStatistics.wasserstein(ref.features().get(0).numeric(),
                        (NumericHistogram) expected.histogram(0)), org.assertj.core.api.Assertions.within(1e-6));
    }
}
