package io.openfraud.retraining.registry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model version as the API shows it, with its lineage.
 *
 * @param modelName         registered model name
 * @param version           version
 * @param stage             REGISTERED, CHALLENGER, CHAMPION or RETIRED
 * @param aliases           {@code champion} or {@code challenger} when it holds that alias
 * @param featureSetVersion feature set it was trained on
 * @param sha256            artifact checksum
 * @param artifactSize      artifact size in bytes
 * @param artifactUri       where to download the artifact
 * @param synthetic         trained on generated data
 * @param trigger           what started its training run
 * @param trainingRunId     the training run that produced it
 * @param parentVersion     the champion when it was trained (compared with by the gate)
 * @param replacedVersion   the champion it replaced when it became champion (where a rollback returns)
 * @param dataWindow        training data window
 * @param testWindow        test slice of the data window the metrics were computed on
 * @param rowCount          rows in the data window
 * @param labelCount        labelled rows
 * @param fraudLabelCount   rows labelled fraud
 * @param hyperparameters   hyperparameters
 * @param metrics           metrics on the test slice
 * @param parentMetrics     the parent's metrics on the same test slice
 * @param createdBy         who asked for the training run
 * @param createdAt         when it was registered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelVersionView(String modelName, String version, Stage stage, List<String> aliases,
        String featureSetVersion, String sha256, long artifactSize, URI artifactUri, boolean synthetic,
        Trigger trigger, Long trainingRunId, String parentVersion, String replacedVersion, Window dataWindow,
        Window testWindow, long rowCount, long labelCount, long fraudLabelCount, Map<String, String> hyperparameters,
        Map<String, Double> metrics, Map<String, Double> parentMetrics, String createdBy, Instant createdAt) {

    /**
     * A time window.
     *
     * @param start inclusive
     * @param end   exclusive
     */
    public record Window(Instant start, Instant end) {

        /** The window, or null when either end is unknown. */
        public static Window of(Instant start, Instant end) {
            return start == null || end == null ? null : new Window(start, end);
        }
    }
}
