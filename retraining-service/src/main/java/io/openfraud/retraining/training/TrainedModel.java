package io.openfraud.retraining.training;

import java.time.Instant;
import java.util.Map;

/**
 * A trained candidate: the artifact as opaque bytes plus the metadata the registry records.
 *
 * @param artifact          the artifact (DJL parameters and metadata, in libs/fraud-model's format)
 * @param sha256            the artifact's SHA-256 as written in its metadata, lowercase hex; the registry refuses
 *                          bytes that do not have it
 * @param featureSetVersion feature set the model was trained on
 * @param hyperparameters   hyperparameters actually used
 * @param rowCount          rows in the data window
 * @param labelCount        labelled rows used
 * @param fraudLabelCount   rows labelled fraud
 * @param testWindowStart   start of the test slice (the latest part of the window by time)
 * @param testWindowEnd     end of the test slice
 * @param metrics           the candidate's metrics on the test slice; must include {@code prAuc} and
 *                          {@code recallAtTargetFpr} for the promotion gate
 * @param incumbentVersion  the champion version evaluated on the same test slice, or null if none was
 * @param incumbentMetrics  its metrics there (same names), empty if not evaluated
 * @param report            anything else the run's report shows (confusion matrix, rules fallback's metrics, ...):
 *                          JSON-serialisable values
 */
public record TrainedModel(byte[] artifact, String sha256, String featureSetVersion,
        Map<String, String> hyperparameters, long rowCount, long labelCount, long fraudLabelCount,
        Instant testWindowStart, Instant testWindowEnd, Map<String, Double> metrics, String incumbentVersion,
        Map<String, Double> incumbentMetrics, Map<String, Object> report) {

    public TrainedModel {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        incumbentMetrics = incumbentMetrics == null ? Map.of() : Map.copyOf(incumbentMetrics);
        report = report == null ? Map.of() : Map.copyOf(report);
    }
}
