package io.openfraud.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    // Five rows, highest score first: F L F L L (F fraud, L legitimate); 2 frauds, 3 legitimate.
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5};
    private static final boolean[] LABELS = {true, false, true, false, false};

    // Ties: two rows at 0.8 (F, L) and two at 0.3 (F, L).
    private static final double[] TIED = {0.8, 0.8, 0.3, 0.3};
    private static final boolean[] TIED_LABELS = {true, false, true, false};

    @Test
    void averagePrecisionIsTheStepwiseSumOverThresholds() {
        // t=0.9: P=1/1, R=1/2 -> 0.5*1; t=0.8: R unchanged -> 0; t=0.7: P=2/3, R=1 -> 0.5*2/3. AP = 0.5 + 1/3.
        assertThat(Metrics.averagePrecision(SCORES, LABELS)).isCloseTo(5.0 / 6.0, within(1e-12));
        // order of the input does not matter
        assertThat(Metrics.averagePrecision(new double[] {0.5, 0.7, 0.9, 0.6, 0.8},
                new boolean[] {false, true, true, false, false})).isCloseTo(5.0 / 6.0, within(1e-12));
    }

    @Test
    void averagePrecisionTakesTiedRowsTogether() {
        // t=0.8 flags both tied rows: P=1/2, R=1/2 -> 0.25; t=0.3: P=2/4, R=1 -> 0.25. AP = 0.5 (not 0.75, which a
        // fraud-first tie order would give).
        assertThat(Metrics.averagePrecision(TIED, TIED_LABELS)).isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.averagePrecision(new double[] {0.8, 0.8, 0.3, 0.3},
                new boolean[] {false, true, false, true})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void averagePrecisionWithoutFraudsIsZero() {
        assertThat(Metrics.averagePrecision(new double[] {0.2, 0.1}, new boolean[] {false, false})).isZero();
    }

    @Test
    void rocAucCountsPairsAndHalfTies() {
        // Fraud 0.9 beats 3 legitimate rows, fraud 0.7 beats 2 (0.6, 0.5): 5 of 2*3 pairs.
        assertThat(Metrics.rocAuc(SCORES, LABELS)).isCloseTo(5.0 / 6.0, within(1e-12));
        // Fraud 0.8: ties 0.8 (1/2), beats 0.3 (1) -> 1.5; fraud 0.3: loses to 0.8, ties 0.3 (1/2) -> 0.5. 2 of 4.
        assertThat(Metrics.rocAuc(TIED, TIED_LABELS)).isCloseTo(0.5, within(1e-12));
        // Perfect and reversed rankings.
        assertThat(Metrics.rocAuc(new double[] {0.9, 0.1}, new boolean[] {true, false})).isEqualTo(1.0);
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {true, false})).isEqualTo(0.0);
    }

    @Test
    void recallAtFprTakesTheHighestRecallWithinTheRate() {
        // FPR 0: only t=0.9 (no legitimate row flagged) -> recall 1/2.
        assertThat(Metrics.recallAtFpr(SCORES, LABELS, 0.0)).isEqualTo(0.5);
        // FPR <= 0.34: t=0.7 flags 0.9, 0.8, 0.7 -> FP 1 of 3, recall 2/2; t=0.6 would make FPR 2/3.
        ConfusionMatrix m = Metrics.thresholdAtFpr(SCORES, LABELS, 0.34);
        assertThat(m.threshold()).isEqualTo(0.7);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.falsePositiveRate()).isCloseTo(1.0 / 3.0, within(1e-12));
        // A top score that is legitimate: no threshold is within FPR 0, nothing is flagged.
        ConfusionMatrix none = Metrics.thresholdAtFpr(new double[] {0.9, 0.1}, new boolean[] {false, true}, 0.0);
        assertThat(none.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(none.recall()).isZero();
        // Once every fraud is caught, a lower threshold only adds false positives: F F L L, FPR <= 0.5 stops at 0.8.
        ConfusionMatrix enough = Metrics.thresholdAtFpr(new double[] {0.9, 0.8, 0.3, 0.2},
                new boolean[] {true, true, false, false}, 0.5);
        assertThat(enough.threshold()).isEqualTo(0.8);
        assertThat(enough.falsePositives()).isZero();
    }

    @Test
    void precisionAtKCountsFraudsAmongTheTopK() {
        assertThat(Metrics.precisionAtK(SCORES, LABELS, 1)).isEqualTo(1.0);   // F
        assertThat(Metrics.precisionAtK(SCORES, LABELS, 2)).isEqualTo(0.5);   // F L
        assertThat(Metrics.precisionAtK(SCORES, LABELS, 3)).isCloseTo(2.0 / 3.0, within(1e-12)); // F L F
        assertThat(Metrics.precisionAtK(SCORES, LABELS, 10)).isEqualTo(0.4);  // all 5 rows, 2 frauds
        assertThatThrownBy(() -> Metrics.precisionAtK(SCORES, LABELS, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brierIsTheMeanSquaredError() {
        // (0.9 - 1)^2 = 0.01, (0.2 - 0)^2 = 0.04 -> mean 0.025
        assertThat(Metrics.brier(new double[] {0.9, 0.2}, new boolean[] {true, false})).isCloseTo(0.025,
                within(1e-12));
    }

    @Test
    void confusionMatrixFlagsScoresAtOrAboveTheThreshold() {
        ConfusionMatrix m = ConfusionMatrix.at(SCORES, LABELS, 0.7);
        assertThat(m).isEqualTo(new ConfusionMatrix(0.7, 2, 1, 2, 0));
        assertThat(m.precision()).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.falsePositiveRate()).isCloseTo(1.0 / 3.0, within(1e-12));
    }

    @Test
    void refusesMismatchedOrNanInput() {
        assertThatThrownBy(() -> Metrics.rocAuc(new double[] {0.1}, new boolean[] {true, false}))
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> Metrics.brier(new double[] {Double.NaN}, new boolean[] {true}))
                .hasMessageContaining("NaN");
    }
}
