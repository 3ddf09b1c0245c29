package io.openfraud.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterBootstrapTest {

    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
    private static final boolean[] LABELS = {true, false, true, false, false, false};

    @Test
    void oneClusterHoldingEveryRowGivesNoSpread() {
        String[] one = {"c", "c", "c", "c", "c", "c"};
        ClusterBootstrap.Interval i = ClusterBootstrap.averagePrecision(SCORES, LABELS, one, 200, 0.95, 7);
        assertThat(i.estimate()).isEqualTo(Metrics.averagePrecision(SCORES, LABELS));
        assertThat(i.lower()).isEqualTo(i.estimate());
        assertThat(i.upper()).isEqualTo(i.estimate());
        assertThat(i.clusters()).isEqualTo(1);
    }

    @Test
    void resamplesWholeClustersSoAllFraudsCanVanishTogether() {
        // Both frauds sit on card "a"; a resample of two cards misses "a" with probability 1/4, giving AP 0, so the
        // 2.5th percentile is 0. A row bootstrap would almost never lose both frauds at once.
        String[] cards = {"a", "b", "a", "b", "b", "b"};
        ClusterBootstrap.Interval i = ClusterBootstrap.averagePrecision(SCORES, LABELS, cards, 400, 0.95, 11);
        assertThat(i.lower()).isZero();
        assertThat(i.upper()).isGreaterThanOrEqualTo(i.estimate());
        assertThat(i.clusters()).isEqualTo(2);
        assertThat(ClusterBootstrap.averagePrecision(SCORES, LABELS, cards, 400, 0.95, 11)).isEqualTo(i);
    }

    @Test
    void percentileInterpolatesBetweenRanks() {
        // positions 0..4; q=0.25 -> position 1.0 -> 2; q=0.1 -> position 0.4 -> 1 + 0.4*(2-1)
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(ClusterBootstrap.percentile(sorted, 0.25)).isEqualTo(2.0);
        assertThat(ClusterBootstrap.percentile(sorted, 0.1)).isCloseTo(1.4, org.assertj.core.api.Assertions.within(1e-12));
    }
}
