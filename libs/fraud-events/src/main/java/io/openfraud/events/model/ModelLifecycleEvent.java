package io.openfraud.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Payload of {@code models.lifecycle}: a model version changed stage in the registry.
 *
 * @param modelName         registered model name
 * @param version           model version
 * @param stage             the stage it entered
 * @param featureSetVersion feature-set version the model was trained on
 * @param sha256            checksum of the artifact; loaders refuse a mismatch
 * @param artifactUri       where scoring fetches the artifact (retraining-service REST or S3)
 * @param metrics           evaluation metrics on the held-out test window (PR-AUC, ROC-AUC, ...)
 * @param synthetic         whether it was trained on generated data
 * @param changedAt         when the stage changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelLifecycleEvent(
        String modelName,
        String version,
        Stage stage,
        String featureSetVersion,
        String sha256,
        String artifactUri,
        Map<String, Double> metrics,
        boolean synthetic,
        Instant changedAt) {

    public ModelLifecycleEvent {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** Stage of a model version. */
    public enum Stage {
        /** Trained and registered, not serving. */
        REGISTERED,
        /** Scored in shadow next to the champion. */
        CHALLENGER,
        /** Serves decisions. */
        CHAMPION,
        /** Replaced or rolled back. */
        RETIRED
    }
}
