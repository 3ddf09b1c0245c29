package io.openfraud.retraining.drift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftCalculatorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    /** Reference: x = 0..99 (numeric), flag 0 for 80 rows and 1 for 20 (categorical). */
    private static ReferenceProfile reference() {
        double[][] rows = new double[100][];
        for (int i = 0; i < 100; i++) {
            rows[i] = new double[] {i, i < 80 ? 0 : 1};
        }
        return ReferenceProfiles.build(rows, List.of("x", "flag"), Set.of("flag"), 10, null, "features-v1", null,
                "test");
    }

    @Test
    void unchangedDataDoesNotDriftAndAShiftedFeatureDoes() {
        ReferenceProfile ref = reference();
        ProductionProfile same = new ProductionProfile(ref);
        ProductionProfile shifted = new ProductionProfile(ref);
        for (int i = 0; i < 100; i++) {
            same.addVector(new double[] {i, i < 80 ? 0 : 1});
            shifted.addVector(new double[] {i + 50, i < 80 ? 0 : 1});
        }
        DriftReport quiet = DriftCalculator.compare(ref, same, null, DriftSettings.defaults(), T0, T0, T0);
        assertThat(quiet.features()).extracting(DriftReport.FeatureDrift::drifted).containsExactly(false, false);
        assertThat(quiet.features().get(0).psi()).isCloseTo(0, within(1e-12));
        assertThat(quiet.dataset().drifted()).isFalse();

        DriftReport loud = DriftCalculator.compare(ref, shifted, null, DriftSettings.defaults(), T0, T0, T0);
        DriftReport.FeatureDrift x = loud.features().get(0);
        assertThat(x.drifted()).isTrue();
        assertThat(x.psi()).isGreaterThan(0.1);
        // x + 50 is exactly 50 further: histogram W1 close to it
        assertThat(x.wasserstein()).isCloseTo(50, within(5.0));
        assertThat(loud.features().get(1).jensenShannon()).isCloseTo(0, within(1e-9));
        // one of two features drifted: share 0.5 reaches Evidently's default dataset share
        assertThat(loud.dataset().share()).isEqualTo(0.5);
        assertThat(loud.dataset().drifted()).isTrue();
        assertThat(loud.productionRows()).isEqualTo(100);
    }

    @Test
    void featuresWithTooFewProductionValuesAreNotCompared() {
        ReferenceProfile ref = reference();
        ProductionProfile few = new ProductionProfile(ref);
        for (int i = 0; i < 10; i++) {
            few.addVector(new double[] {1000, 1});
        }
        DriftReport report = DriftCalculator.compare(ref, few, null, DriftSettings.defaults(), T0, T0, T0);
        assertThat(report.features()).allSatisfy(f -> assertThat(f.compared()).isFalse());
        assertThat(report.dataset().comparedFeatures()).isZero();
        assertThat(report.dataset().drifted()).isFalse();
    }

    @Test
    void distanceMethodDecidesWithNormedWassersteinAndJensenShannon() {
        ReferenceProfile ref = reference();
        ProductionProfile p = new ProductionProfile(ref);
        for (int i = 0; i < 100; i++) {
            p.addVector(new double[] {i + 2, i < 50 ? 0 : 1});
        }
        DriftSettings distance = new DriftSettings(DriftSettings.Method.DISTANCE, 0.1, 0.1, 0.1, 0.5, 0.1, 30);
        DriftReport report = DriftCalculator.compare(ref, p, null, distance, T0, T0, T0);
        // x moved by 2 with std ~28.9: normed W1 ~0.07, below 0.1
        assertThat(report.features().get(0).normedWasserstein()).isLessThan(0.1);
        assertThat(report.features().get(0).drifted()).isFalse();
        // flag went from 20% to 50% ones: JS distance ~0.23
        assertThat(report.features().get(1).jensenShannon()).isGreaterThan(0.1);
        assertThat(report.features().get(1).drifted()).isTrue();
    }

    @Test
    void predictionDriftComparesScoresWithThePreviousWindowWhenTheReferenceHasNone() {
        ReferenceProfile ref = reference();
        ProductionProfile previous = new ProductionProfile(ref);
        ProductionProfile current = new ProductionProfile(ref);
        for (int i = 0; i < 100; i++) {
            previous.addScore(0.001 * i);
            current.addScore(0.5 + 0.004 * i);
        }
        DriftReport report = DriftCalculator.compare(ref, current, previous.scores(), DriftSettings.defaults(), T0, T0,
                T0);
        assertThat(report.prediction().baseline()).isEqualTo("previous-window");
        assertThat(report.prediction().drifted()).isTrue();
        assertThat(report.prediction().scores()).isEqualTo(100);
        DriftReport none = DriftCalculator.compare(ref, current, null, DriftSettings.defaults(), T0, T0, T0);
        assertThat(none.prediction().baseline()).isEqualTo("none");
        assertThat(none.prediction().psi()).isNull();
    }

    @Test
    void productionProfilesMerge() {
        ReferenceProfile ref = reference();
        ProductionProfile a = new ProductionProfile(ref);
        ProductionProfile b = new ProductionProfile(ref);
        a.addVector(new double[] {1, 0});
        b.addVector(java.util.Map.of("x", 2.0, "flag", 1.0));
        b.addScore(0.3);
        a.merge(b);
        assertThat(a.vectors()).isEqualTo(2);
        assertThat(((NumericHistogram) a.histogram(0)).total()).isEqualTo(2);
        assertThat(((CategoricalHistogram) a.histogram(1)).asMap()).containsEntry("0", 1L).containsEntry("1", 1L);
        assertThat(a.scores().total()).isEqualTo(1);
    }
}
