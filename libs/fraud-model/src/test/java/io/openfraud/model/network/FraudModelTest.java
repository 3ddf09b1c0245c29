package io.openfraud.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.model.artifact.InvalidArtifactException;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.artifact.ModelMetadata.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FraudModelTest {

    private static final int INPUTS = 12;

    @Test
    void plainJavaForwardPassEqualsDjlWithin1e5() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(16, 8), 3);
        double[][] rows = TestModels.rows(200, INPUTS, 5);
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            double[] djl = model.score(rows);
            double[] logits = model.logits(rows);
            double spread = 0;
            for (int i = 0; i < rows.length; i++) {
                assertThat(model.scoreInJava(rows[i])).as("row %d", i).isCloseTo(djl[i], within(1e-5));
                assertThat(model.javaForward().logit(FraudNetwork.normalize(rows[i],
                        artifact.metadata().normalization()))).isCloseTo(logits[i], within(1e-5));
                spread = Math.max(spread, Math.abs(djl[i] - djl[0]));
            }
            assertThat(spread).as("scores vary with the input").isGreaterThan(0.01);
        }
    }

    @Test
    void standardisedInputsAreLimitedToTheClipSoAnyLargerValueScoresAlike() throws Exception {
        Normalization clipped = new Normalization(new double[] {10, 0}, new double[] {2, 1}, 3);
        assertThat(FraudNetwork.normalize(new double[] {1e9, -1e9}, clipped)).containsExactly(3f, -3f);
        assertThat(FraudNetwork.normalize(new double[] {12, 0.5}, clipped)).containsExactly(1f, 0.5f);
        assertThat(FraudNetwork.normalize(new double[] {1e9, 0}, new Normalization(new double[] {0, 0},
                new double[] {1, 1}))[0]).isEqualTo(1e9f);

        ModelArtifact random = TestModels.randomArtifact(INPUTS, List.of(8), 6);
        ModelMetadata m = random.metadata();
        double[] mean = m.normalization().mean();
        double[] scale = m.normalization().scale();
        ModelArtifact artifact = ModelArtifact.of(new ModelMetadata(m.format(), m.modelVersion(),
                m.featureSetVersion(), m.featureNames(), m.network(), new Normalization(mean, scale, 4), m.medians(),
                m.calibration(), m.thresholds(), m.metrics(), m.hyperparameters(), null), random.params());
        double[] atBound = new double[INPUTS];
        double[] far = new double[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            atBound[i] = mean[i] + 4 * scale[i];
            far[i] = mean[i] + 1e6 * scale[i];
        }
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            assertThat(model.score(far)).isEqualTo(model.score(atBound));
            assertThat(model.scoreInJava(far)).isCloseTo(model.score(far), within(1e-5));
        }
    }

    @Test
    void occludedLogitsEqualFullPassesOverTheResetRows() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(16, 8), 11);
        double[] medians = artifact.metadata().medians();
        int[] every = java.util.stream.IntStream.range(0, INPUTS).toArray();
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            DenseForward forward = model.javaForward();
            float[] baseline = FraudNetwork.normalize(medians, artifact.metadata().normalization());
            for (double[] row : TestModels.rows(50, INPUTS, 12)) {
                float[] x = FraudNetwork.normalize(row, artifact.metadata().normalization());
                double[] occluded = forward.occludedLogits(x, baseline, every);
                for (int j = 0; j < INPUTS; j++) {
                    double[] reset = row.clone();
                    reset[j] = medians[j];
                    double expected = forward.logit(FraudNetwork.normalize(reset, artifact.metadata().normalization()));
                    assertThat(occluded[j]).as("feature %d", j).isCloseTo(expected, within(1e-9));
                }
            }
        }
    }

    @Test
    void singleRowEqualsItsRowInABatch() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(8), 4);
        double[][] rows = TestModels.rows(20, INPUTS, 6);
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            double[] batch = model.score(rows);
            for (int i = 0; i < rows.length; i++) {
                assertThat(model.score(rows[i])).isCloseTo(batch[i], within(1e-6));
                assertThat(batch[i]).isBetween(0.0, 1.0);
            }
            assertThat(model.score(new double[0][])).isEmpty();
        }
    }

    @Test
    void poolServesConcurrentCallersWithTheSameScores() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(8), 5);
        double[][] rows = TestModels.rows(400, INPUTS, 7);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (FraudModel model = FraudModel.load(artifact, 2)) {
            double[] expected = model.score(rows);
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    double[] out = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        out[i] = model.score(rows[i]);
                    }
                    return out;
                }));
            }
            for (Future<double[]> f : results) {
                double[] got = f.get();
                for (int i = 0; i < rows.length; i++) {
                    assertThat(got[i]).isCloseTo(expected[i], within(1e-6));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void scoringLeavesNoNativeArraysBehind() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(8), 9);
        double[][] rows = TestModels.rows(64, INPUTS, 10);
        try (FraudModel model = FraudModel.load(artifact, 2)) {
            model.score(rows[0]);
            int before = model.nativeArrays();
            for (int i = 0; i < 2_000; i++) {
                model.score(rows[i % rows.length]);
                model.score(rows);
            }
            assertThat(model.nativeArrays()).isEqualTo(before);
        }
    }

    @Test
    void refusesParamsOfAnotherShape() throws Exception {
        ModelArtifact small = TestModels.randomArtifact(INPUTS, List.of(8), 6);
        ModelArtifact wrongShape = ModelArtifact.of(TestModels.randomArtifact(INPUTS, List.of(16), 6).metadata(),
                small.params());
        assertThatThrownBy(() -> FraudModel.load(wrongShape, 1)).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("do not fit its network");
    }

    @Test
    void wrongRowWidthIsRefused() throws Exception {
        try (FraudModel model = FraudModel.load(TestModels.randomArtifact(INPUTS, List.of(8), 8), 1)) {
            assertThatThrownBy(() -> model.score(new double[3])).hasMessageContaining("expected 12 features, got 3");
        }
    }
}
