package io.openfraud.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.openfraud.model.artifact.ModelMetadata.Calibration;
import io.openfraud.model.runtime.TorchRuntime;
import io.openfraud.model.training.TrainingConfig.CostMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationAndThresholdsTest {

    // Validation scores, highest first: F F L F L L L L (F fraud).
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
    private static final boolean[] LABELS = {true, true, false, true, false, false, false, false};

    @Test
    void fprThresholdIsTheHighestRecallWithinTheRate() {
        // 5 legitimate rows: FPR 0 allows t=0.8 (recall 2/3); FPR 0.2 allows t=0.6 (1 FP, recall 1).
        assertThat(DecisionThresholds.atFpr(SCORES, LABELS, 0.0)).isEqualTo(0.8);
        assertThat(DecisionThresholds.atFpr(SCORES, LABELS, 0.2)).isEqualTo(0.6);
        // a legitimate top score and FPR 0: nothing can be flagged
        assertThat(DecisionThresholds.atFpr(new double[] {0.9, 0.1}, new boolean[] {false, true}, 0.0))
                .isEqualTo(DecisionThresholds.NOTHING);
    }

    @Test
    void costThresholdMinimisesTheCostOnValidation() {
        // FP costs 1, FN costs 10. t=0.8: FP0 FN1 -> 10; t=0.6: FP1 FN0 -> 1; t=0.2: FP5 -> 5; nothing: FN3 -> 30.
        assertThat(DecisionThresholds.minimumCost(SCORES, LABELS, new CostMatrix(1, 10))).isEqualTo(0.6);
        // FP costs 10, FN costs 1: t=0.8 costs 1 (FN 1), t=0.6 costs 10: 0.8 wins; flagging nothing costs 3.
        assertThat(DecisionThresholds.minimumCost(SCORES, LABELS, new CostMatrix(10, 1))).isEqualTo(0.8);
        // FP so expensive that flagging nothing is cheapest
        assertThat(DecisionThresholds.minimumCost(new double[] {0.9, 0.8}, new boolean[] {false, true},
                new CostMatrix(100, 1))).isEqualTo(DecisionThresholds.NOTHING);
    }

    @Test
    void plattScalingRecoversAKnownSigmoid() {
        // Labels drawn with P(fraud | z) = sigmoid(2z - 1): the fit finds a ~ 2, b ~ -1.
        SplittableRandom random = new SplittableRandom(1);
        int n = 20_000;
        double[] z = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            z[i] = random.nextGaussian() * 2;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(2 * z[i] - 1)));
        }
        Calibration c = PlattScaling.fit(z, y);
        assertThat(c.method()).isEqualTo("platt");
        assertThat(c.a()).isCloseTo(2.0, within(0.15));
        assertThat(c.b()).isCloseTo(-1.0, within(0.1));
        assertThat(PlattScaling.fit(z, new boolean[n]).method()).isEqualTo("none");
    }

    @Test
    void weightedCrossEntropyWeighsFrauds() {
        TorchRuntime.load(1, 1);
        try (NDManager m = NDManager.newBaseManager(TorchRuntime.ENGINE)) {
            // logits 0 and 0: each row costs ln 2; the fraud counts 3 times -> mean (3 ln2 + ln2) / 2 = 2 ln 2
            float loss = new WeightedBinaryCrossEntropy(3f).evaluate(new NDList(m.create(new float[] {1f, 0f})),
                    new NDList(m.create(new float[] {0f, 0f}))).getFloat();
            assertThat((double) loss).isCloseTo(2 * Math.log(2), within(1e-6));
            // a confident right answer costs ~0, a confident wrong one ~|logit| (stable for large logits)
            float right = new WeightedBinaryCrossEntropy(1f).evaluate(new NDList(m.create(new float[] {1f})),
                    new NDList(m.create(new float[] {50f}))).getFloat();
            float wrong = new WeightedBinaryCrossEntropy(1f).evaluate(new NDList(m.create(new float[] {0f})),
                    new NDList(m.create(new float[] {50f}))).getFloat();
            assertThat((double) right).isCloseTo(0.0, within(1e-6));
            assertThat((double) wrong).isCloseTo(50.0, within(1e-4));
        }
    }
}
