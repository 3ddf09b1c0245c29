package io.openfraud.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.model.metrics.Curves.PrPoint;
import io.openfraud.model.metrics.Curves.RocPoint;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CurvesTest {

    // highest first: F L F L L
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.5};
    private static final boolean[] LABELS = {true, false, true, false, false};

    @Test
    void thePrCurveHasOnePointPerDistinctThresholdFromTheTop() {
        List<PrPoint> pr = Curves.precisionRecall(SCORES, LABELS, 200);
        assertThat(pr).containsExactly(new PrPoint(0.9, 0.5, 1.0), new PrPoint(0.8, 0.5, 0.5),
                new PrPoint(0.7, 1.0, 2.0 / 3.0), new PrPoint(0.6, 1.0, 0.5), new PrPoint(0.5, 1.0, 0.4));
    }

    @Test
    void theRocCurveRunsFromTheOriginToOneOne() {
        List<RocPoint> roc = Curves.roc(SCORES, LABELS, 200);
        assertThat(roc).containsExactly(new RocPoint(null, 0.0, 0.0), new RocPoint(0.9, 0.0, 0.5),
                new RocPoint(0.8, 1.0 / 3.0, 0.5), new RocPoint(0.7, 1.0 / 3.0, 1.0),
                new RocPoint(0.6, 2.0 / 3.0, 1.0), new RocPoint(0.5, 1.0, 1.0));
    }

    @Test
    void tiedRowsMakeOnePoint() {
        List<PrPoint> pr = Curves.precisionRecall(new double[] {0.8, 0.8, 0.3, 0.3},
                new boolean[] {true, false, true, false}, 200);
        assertThat(pr).containsExactly(new PrPoint(0.8, 0.5, 0.5), new PrPoint(0.3, 1.0, 0.5));
    }

    @Test
    void largeCurvesAreDownsampledKeepingBothEnds() {
        Random random = new Random(7);
        int n = 10_000;
        double[] scores = IntStream.range(0, n).mapToDouble(i -> random.nextDouble()).toArray();
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < scores[i] * 0.2;
        }
        List<RocPoint> roc = Curves.roc(scores, labels, 200);
        assertThat(roc).hasSizeLessThanOrEqualTo(200).hasSizeGreaterThan(150);
        assertThat(roc.get(0)).isEqualTo(new RocPoint(null, 0.0, 0.0));
        assertThat(roc.get(roc.size() - 1).falsePositiveRate()).isEqualTo(1.0);
        assertThat(roc.get(roc.size() - 1).truePositiveRate()).isEqualTo(1.0);
        for (int i = 1; i < roc.size(); i++) {
            assertThat(roc.get(i).falsePositiveRate()).isGreaterThanOrEqualTo(roc.get(i - 1).falsePositiveRate());
            assertThat(roc.get(i).truePositiveRate()).isGreaterThanOrEqualTo(roc.get(i - 1).truePositiveRate());
        }
        List<PrPoint> pr = Curves.precisionRecall(scores, labels, 200);
        assertThat(pr).hasSizeLessThanOrEqualTo(200);
        assertThat(pr.get(pr.size() - 1).recall()).isEqualTo(1.0);
        assertThat(pr.get(pr.size() - 1).precision()).isCloseTo(Metrics.positives(labels) / (double) n,
                within(1e-12));
    }

    @Test
    void noFraudsMeansNoCurves() {
        assertThat(Curves.precisionRecall(new double[] {0.1, 0.2}, new boolean[] {false, false}, 10)).isEmpty();
        assertThat(Curves.roc(new double[] {0.1, 0.2}, new boolean[] {false, false}, 10)).isEmpty();
    }
}
