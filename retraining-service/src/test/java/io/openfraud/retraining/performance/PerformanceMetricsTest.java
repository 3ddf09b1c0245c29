package io.openfraud.retraining.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.model.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** The hand-computed values performance monitoring relies on, against libs/fraud-model's shared metrics. */
class PerformanceMetricsTest {

    @Test
    void averagePrecisionByHand() {
        // ranked: +, -, +, - : at 1 P=1 R=.5; at 3 P=2/3 R=1 -> AP = .5 * 1 + .5 * 2/3 = .8333
        assertThat(Metrics.averagePrecision(new double[] {0.9, 0.8, 0.7, 0.1},
                new boolean[] {true, false, true, false})).isCloseTo(0.8333333, within(1e-6));
        // tied scores form one step whatever their order: both at 0.5 -> P = .5, R = 1
        assertThat(Metrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {false, true}))
                .isCloseTo(0.5, within(1e-12));
        assertThat(Metrics.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void precisionAndRecallAtAThreshold() {
        double[] pr = PerformanceService.precisionRecall(new boolean[] {true, true, false, false},
                new boolean[] {true, false, true, false});
        assertThat(pr[0]).isEqualTo(0.5);
        assertThat(pr[1]).isEqualTo(0.5);
        // nothing flagged: precision undefined; no frauds: recall undefined
        assertThat(PerformanceService.precisionRecall(new boolean[] {false}, new boolean[] {true})[0]).isNaN();
        assertThat(PerformanceService.precisionRecall(new boolean[] {true}, new boolean[] {false})[1]).isNaN();
    }
}
