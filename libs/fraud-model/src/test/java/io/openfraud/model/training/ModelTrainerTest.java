package io.openfraud.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.network.FraudModel;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verify-time training test: trains on generated data with a time split and fails unless the model beats the
 * rules fallback on the test window. Small on purpose (about 20k rows, a few epochs, one PyTorch thread).
 */
class ModelTrainerTest {

    private static final TrainingConfig CONFIG = new TrainingConfig(List.of(32, 16), 0.1, 2e-3, 128, 8, 3, 0, 7L,
            0.6, 0.2, 0.01, 0.05, null, 50);

    private static LabelledRows rows;
    private static TrainingResult first;

    @BeforeAll
    static void train() {
        rows = SyntheticTrainingSet.generate(2026, 20_000, 400, 0.03);
        first = ModelTrainer.train(rows, FeatureSet.VERSION, "test-1", CONFIG);
    }

    @Test
    void modelBeatsTheRulesFallbackOnTheTestWindow() {
        TrainingReport r = first.report();
        System.out.printf("train %s%nvalidation %s%ntest %s%nmodel %s%nrules %s%nepochs %d best %d %s, %.0f rows/s%n",
                r.train(), r.validation(), r.test(), r.model(), r.rules(), r.epochs(), r.bestEpoch(),
                r.validationPrAuc(), r.trainingRowsPerSecond());
        assertThat(r.test().frauds()).as("the test window has frauds").isGreaterThan(20);
        assertThat(r.model().prAuc()).as("model PR-AUC above the rules'").isGreaterThan(r.rules().prAuc());
        assertThat(r.model().rocAuc()).isGreaterThan(0.8);
    }

    @Test
    void splitsByTimeWithoutOverlap() {
        TrainingReport r = first.report();
        assertThat(r.train().to()).isBeforeOrEqualTo(r.validation().from());
        assertThat(r.validation().to()).isBeforeOrEqualTo(r.test().from());
        assertThat(r.train().rows() + r.validation().rows() + r.test().rows()).isEqualTo(rows.size());
        assertThat(r.train().frauds() + r.validation().frauds() + r.test().frauds()).isEqualTo(rows.frauds());
    }

    @Test
    void twoRunsOnTheSameDataGiveTheSameArtifact() {
        TrainingResult second = ModelTrainer.train(rows, FeatureSet.VERSION, "test-1", CONFIG);
        assertThat(second.artifact().sha256()).isEqualTo(first.artifact().sha256());
        assertThat(second.report().validationPrAuc()).isEqualTo(first.report().validationPrAuc());
    }

    @Test
    void artifactCarriesWhatScoringNeedsAndScoresLikeTheReport() {
        ModelArtifact artifact = ModelArtifact.read(first.artifact().toBytes(), FeatureSet.VERSION,
                first.report().artifactSha256());
        assertThat(artifact.metadata().featureNames()).isEqualTo(FeatureSet.names());
        assertThat(artifact.metadata().calibration().method()).isEqualTo("platt");
        assertThat(artifact.metadata().thresholds().review()).isLessThanOrEqualTo(
                artifact.metadata().thresholds().decline());
        assertThat(artifact.metadata().metrics()).containsEntry("test_pr_auc", first.report().model().prAuc());
        assertThat(artifact.metadata().hyperparameters()).containsEntry("seed", "7");

        TimeSplit split = TimeSplit.of(rows, 0.6, 0.2);
        try (FraudModel model = FraudModel.load(artifact, 1)) {
            double[] p = model.score(split.test().features());
            assertThat(Evaluation.of(p, split.test().labels(), artifact.metadata().thresholds().decline(), 50)
                    .prAuc()).isCloseTo(first.report().model().prAuc(), within(1e-9));
        }
    }

    @Test
    void declineThresholdKeepsTheValidationFalsePositiveRateWithinTheTarget() {
        TimeSplit split = TimeSplit.of(rows, 0.6, 0.2);
        try (FraudModel model = FraudModel.load(first.artifact(), 1)) {
            double[] p = model.score(split.validation().features());
            double fpr = io.openfraud.model.metrics.ConfusionMatrix.at(p, split.validation().labels(),
                    first.artifact().metadata().thresholds().decline()).falsePositiveRate();
            assertThat(fpr).isLessThanOrEqualTo(0.01);
        }
    }
}
