package io.openfraud.model.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.network.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcclusionTest {

    private static final int INPUTS = 10;

    @Test
    void resettingTheTopReasonMovesTheScoreMoreThanResettingAnyOtherFeature() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(16, 8), 21);
        double[] medians = artifact.metadata().medians();
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            int checked = 0;
            for (double[] row : TestModels.rows(30, INPUTS, 22)) {
                List<Attribution> top = Occlusion.largestEffects(model, row, 1);
                int topIndex = artifact.metadata().featureNames().indexOf(top.get(0).feature());
                double score = model.score(row);
                double topMove = Math.abs(score - model.score(reset(row, topIndex, medians[topIndex])));
                assertThat(topMove).isCloseTo(Math.abs(top.get(0).effect()), within(1e-6));
                for (int i = 0; i < INPUTS; i++) {
                    double move = Math.abs(score - model.score(reset(row, i, medians[i])));
                    assertThat(topMove).as("feature %d", i).isGreaterThanOrEqualTo(move - 1e-9);
                }
                checked++;
            }
            assertThat(checked).isEqualTo(30);
        }
    }

    @Test
    void topReasonsRaiseTheScoreLargestFirst() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(16), 23);
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            double[] row = TestModels.rows(1, INPUTS, 24)[0];
            List<Attribution> reasons = Occlusion.topReasons(model, row, 3);
            assertThat(reasons).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(reasons).allSatisfy(a -> assertThat(a.effect()).isPositive());
            for (int i = 1; i < reasons.size(); i++) {
                assertThat(reasons.get(i - 1).effect()).isGreaterThanOrEqualTo(reasons.get(i).effect());
            }
            assertThat(reasons.get(0).baseline()).isEqualTo(
                    artifact.metadata().medians()[artifact.metadata().featureNames().indexOf(reasons.get(0).feature())]);
        }
    }

    @Test
    void aRowAtItsMediansHasNoReasons() throws Exception {
        ModelArtifact artifact = TestModels.randomArtifact(INPUTS, List.of(8), 25);
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            assertThat(Occlusion.topReasons(model, artifact.metadata().medians().clone(), 3)).isEmpty();
        }
    }

    private static double[] reset(double[] row, int i, double value) {
        double[] copy = row.clone();
        copy[i] = value;
        return copy;
    }
}
