package io.openfraud.model.training;

import io.openfraud.model.artifact.ModelMetadata.Thresholds;
import java.util.List;

/**
 * What one training run gives beside the artifact: the data windows, the model's metrics on the test window and
 * <b>the rules fallback's metrics on the same window</b>, and how training went.
 *
 * @param modelVersion           the trained version
 * @param featureSetVersion      its feature set
 * @param artifactSha256         sha256 of the artifact file
 * @param train                  training window
 * @param validation             validation window (early stopping, calibration, thresholds)
 * @param test                   test window (the metrics below)
 * @param model                  the model's metrics on the test window (calibrated probabilities; confusion at the
 *                               decline threshold)
 * @param rules                  the rules fallback's metrics on the same rows (confusion at its own threshold chosen
 *                               on validation with the same policy)
 * @param thresholds             the model's decision thresholds
 * @param rulesThreshold         the rules' decline threshold
 * @param positiveWeight         weight of frauds in the loss
 * @param epochs                 epochs run
 * @param bestEpoch              epoch whose weights were kept (1-based)
 * @param validationPrAuc        validation PR-AUC after each epoch
 * @param trainingRowsPerSecond  training throughput (rows per second of training steps, validation excluded)
 */
public record TrainingReport(String modelVersion, String featureSetVersion, String artifactSha256, DataWindow train,
        DataWindow validation, DataWindow test, Evaluation model, Evaluation rules, Thresholds thresholds,
        double rulesThreshold, double positiveWeight, int epochs, int bestEpoch, List<Double> validationPrAuc,
        double trainingRowsPerSecond) {
}
