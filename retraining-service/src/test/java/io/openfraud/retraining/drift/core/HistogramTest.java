package io.openfraud.retraining.drift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void numericBinsHaveUnderflowInnerBinsClosedAtTheLastEdgeAndOverflow() {
        NumericHistogram h = new NumericHistogram(new double[] {0, 1, 2});
        assertThat(h.bins()).isEqualTo(4);
        assertThat(h.binOf(-0.5)).isZero();
        assertThat(h.binOf(0)).isEqualTo(1);
        assertThat(h.binOf(0.99)).isEqualTo(1);
        assertThat(h.binOf(1)).isEqualTo(2);
        assertThat(h.binOf(2)).isEqualTo(2);
        assertThat(h.binOf(2.01)).isEqualTo(3);
    }

    @Test
    void aConstantReferenceHasOneInnerBinForItsValue() {
        NumericHistogram h = new NumericHistogram(new double[] {5});
        assertThat(h.bins()).isEqualTo(3);
        assertThat(h.binOf(4.9)).isZero();
        assertThat(h.binOf(5)).isEqualTo(1);
        assertThat(h.binOf(5.1)).isEqualTo(2);
    }

    @Test
    void numericHistogramsMergeAcrossBucketsLikeOneHistogramOfAllValues() {
        double[] edges = {0, 1, 2};
        NumericHistogram a = new NumericHistogram(edges);
        NumericHistogram b = new NumericHistogram(edges);
        NumericHistogram all = new NumericHistogram(edges);
        double[] values = {-3, 0.2, 0.7, 1.5, 2, 9, Double.NaN};
        for (int i = 0; i < values.length; i++) {
            (i % 2 == 0 ? a : b).add(values[i]);
            all.add(values[i]);
        }
        a.merge(b);
        assertThat(a.counts()).containsExactly(all.counts());
        assertThat(a.counts()).containsExactly(1, 2, 2, 1);
        assertThat(a.nan()).isEqualTo(1);
        assertThat(a.min()).isEqualTo(-3);
        assertThat(a.max()).isEqualTo(9);
        assertThatThrownBy(() -> a.merge(new NumericHistogram(new double[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void categoricalHistogramsCountAndMergeByCategory() {
        CategoricalHistogram a = new CategoricalHistogram();
        CategoricalHistogram b = new CategoricalHistogram();
        for (double v : new double[] {1, 0, 1, 3, 4, 5, 6}) {
            a.add(v);
        }
        b.add(1);
        b.add(2);
        a.merge(b);
        assertThat(a.asMap()).containsExactly(Map.entry("0", 1L), Map.entry("1", 3L), Map.entry("2", 1L),
                Map.entry("3", 1L), Map.entry("4", 1L), Map.entry("5", 1L), Map.entry("6", 1L));
        assertThat(a.total()).isEqualTo(9);
        assertThat(CategoricalHistogram.of(a.asMap(), 0).asMap()).isEqualTo(a.asMap());
    }

    @Test
    void quantileEdgesDropDuplicatesSoAMostlyZeroFeatureGetsWiderBins() {
        assertThat(ReferenceProfiles.quantileEdges(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 10))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        // indices floor(q * 9) for q = 0, .25, .5, .75, 1: 0, 2, 4, 6, 9
        assertThat(ReferenceProfiles.quantileEdges(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 2}, 4))
                .containsExactly(0, 2);
        assertThat(ReferenceProfiles.quantileEdges(new double[] {-0.0, 0.0, 0.0}, 2)).containsExactly(0);
    }
}
