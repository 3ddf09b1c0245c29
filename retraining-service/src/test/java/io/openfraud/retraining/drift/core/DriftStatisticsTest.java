package io.openfraud.retraining.drift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The statistics against values computed by hand (the arithmetic is in each comment). */
class DriftStatisticsTest {

    @Test
    void psiOfTwoBins() {
        // p = (.5, .5), q = (.25, .75): (.25 - .5) ln(.25/.5) + (.75 - .5) ln(.75/.5) = .173287 + .101366
        assertThat(DriftStatistics.psi(new long[] {50, 50}, new long[] {25, 75})).isCloseTo(0.2746531, within(1e-6));
        assertThat(DriftStatistics.psi(new long[] {50, 50}, new long[] {5, 5})).isCloseTo(0, within(1e-12));
    }

    @Test
    void psiReplacesAnEmptyBinsShareWithEpsilon() {
        // p = (1, 1e-4), q = (.5, .5): (.5 - 1) ln(.5) + (.5 - 1e-4) ln(.5 / 1e-4) = .346574 + 4.257745
        assertThat(DriftStatistics.psi(new long[] {100, 0}, new long[] {50, 50})).isCloseTo(4.6043185, within(1e-6));
        assertThat(DriftStatistics.psi(new long[] {0, 0}, new long[] {1, 1})).isNaN();
    }

    @Test
    void categoricalPsiUsesTheUnionOfCategories() {
        CategoricalHistogram ref = new CategoricalHistogram();
        CategoricalHistogram prod = new CategoricalHistogram();
        add(ref, 0, 80);
        add(ref, 1, 20);
        add(prod, 0, 60);
        add(prod, 1, 30);
        add(prod, 2, 10);
        // p = (.8, .2, 1e-4), q = (.6, .3, .1): -.2 ln(.75) + .1 ln(1.5) + (.1 - 1e-4) ln(1000)
        assertThat(DriftStatistics.psi(ref, prod)).isCloseTo(0.7881677, within(1e-6));
    }

    @Test
    void jensenShannonDistanceUsesNaturalLogs() {
        // m = (.375, .625); JSD = .5 (.5 ln(.5/.375) + .5 ln(.5/.625)) + .5 (.25 ln(.25/.375) + .75 ln(.75/.625))
        assertThat(DriftStatistics.jensenShannon(new long[] {50, 50}, new long[] {25, 75}))
                .isCloseTo(0.1839078, within(1e-6));
        // disjoint supports: sqrt(ln 2)
        assertThat(DriftStatistics.jensenShannon(new long[] {1, 0}, new long[] {0, 1}))
                .isCloseTo(Math.sqrt(Math.log(2)), within(1e-12));
        assertThat(DriftStatistics.jensenShannon(new long[] {3, 7}, new long[] {30, 70})).isCloseTo(0, within(1e-9));
    }

    @Test
    void wassersteinFromHistogramsIntegratesPiecewiseLinearCdfs() {
        double[] edges = {0, 2, 4};
        NumericHistogram ref = new NumericHistogram(edges);
        NumericHistogram prod = new NumericHistogram(edges);
        for (double v : new double[] {0, 1, 2, 4}) {
            ref.add(v); // bin [0,2): mean .5, spread on [0, 1]; bin [2,4]: mean 3, spread on [2, 4]
        }
        for (double v : new double[] {0, 0.5, 1, 1.5}) {
            prod.add(v); // bin [0,2): mean .75, spread on [0, 1.5]
        }
        // |F - G| on [0,1]: x/6 (1/12); [1,1.5]: .5 vs x/1.5 (1/6); [1.5,2]: .5 (1/4); [2,4]: .5 down to 0 (1/2)
        assertThat(DriftStatistics.wasserstein(ref, prod)).isCloseTo(1.0, within(1e-12));
        assertThat(DriftStatistics.wasserstein(ref, ref)).isCloseTo(0, within(1e-12));
        assertThat(DriftStatistics.exactWasserstein(new double[] {0, 1, 2, 4}, new double[] {0, 0.5, 1, 1.5}))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aSegmentWhereTheCdfsCrossCountsBothTriangles() {
        assertThat(DriftStatistics.segmentArea(2, 1, -1)).isCloseTo(1.0, within(1e-12));
        assertThat(DriftStatistics.segmentArea(2, 1, 3)).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void histogramWassersteinIsCloseToTheExactValueForAShiftedNormal() {
        Random random = new Random(7);
        double[] reference = new double[20_000];
        double[] production = new double[20_000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = random.nextGaussian();
            production[i] = random.nextGaussian() + 0.5;
        }
        FeatureReference ref = ReferenceProfiles.feature("x", FeatureKind.NUMERIC, reference, 10);
        NumericHistogram prod = ref.numeric().emptyCopy();
        for (double v : production) {
            prod.add(v);
        }
        double exact = DriftStatistics.exactWasserstein(reference, production);
        double approx = DriftStatistics.wasserstein(ref.numeric(), prod);
        assertThat(exact).isCloseTo(0.5, within(0.03));
        // ten quantile bins: the error stays within a few percent of the reference's standard deviation
        assertThat(Math.abs(approx - exact)).isLessThan(0.05 * ref.std());
        assertThat(DriftStatistics.normedWasserstein(approx, ref.std())).isCloseTo(approx / ref.std(), within(1e-12));
    }

    private static void add(CategoricalHistogram h, double category, int times) {
        for (int i = 0; i < times; i++) {
            h.add(category);
        }
    }
}
