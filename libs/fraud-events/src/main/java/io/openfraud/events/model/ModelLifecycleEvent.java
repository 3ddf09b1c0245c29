package io.openfraud.events.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Payload of {@code models.lifecycle}: a model version changed stage in the registry. One registry change (a gate
 * decision, a promotion, a rollback) publishes one event per version whose stage changed, all with the same
 * {@code auditId}.
 *
 * @param modelName         registered model name
 * @param version           model version
 * @param stage             the stage it entered
 * @param featureSetVersion feature-set version the model was trained on
 * @param sha256            checksum of the artifact; loaders refuse a mismatch
 * @param artifactUri       where scoring fetches the artifact (retraining-service REST, which serves it from
 *                          PostgreSQL or S3 with the checksum in {@code ETag} and {@code Repr-Digest})
 * @param metrics           evaluation metrics on the held-out test window (PR-AUC, ROC-AUC, ...)
 * @param synthetic         whether it was trained on generated data
 * @param changedAt         when the stage changed
 * @param previousStage     the stage it left (optional; absent for a version registered straight into a stage)
 * @param cause             what changed the stage (optional)
 * @param trigger           what started the training run that produced the version (optional)
 * @param parentVersion     the champion when the version was trained, which the gate compared it with (optional)
 * @param dataWindowStart   start of the data window the version was trained on, inclusive (optional)
 * @param dataWindowEnd     end of the data window, exclusive (optional)
 * @param auditId           id of the registry's audit record of the change: who, when, why (optional)
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
        Instant changedAt,
        Stage previousStage,
        Cause cause,
        Trigger trigger,
        String parentVersion,
        Instant dataWindowStart,
        Instant dataWindowEnd,
        Long auditId) {

    public ModelLifecycleEvent {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** The event without the optional lineage and audit fields. */
    public ModelLifecycleEvent(String modelName, String version, Stage stage, String featureSetVersion, String sha256,
            String artifactUri, Map<String, Double> metrics, boolean synthetic, Instant changedAt) {
        this(modelName, version, stage, featureSetVersion, sha256, artifactUri, metrics, synthetic, changedAt, null,
                null, null, null, null, null, null);
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

    /** What changed a version's stage. */
    public enum Cause {
        /** The promotion gate, when a training run registered the version (first champion, promoted, or held). */
        GATE,
        /** An operator promoted a version by hand. */
        MANUAL_PROMOTION,
        /** An operator rolled the champion back to the previous one. */
        ROLLBACK
    }

    /** What started a training run. */
    public enum Trigger {
        /** A person or a tool asked for it ({@code POST /api/v1/training-runs}, {@code fraudctl train}). */
        MANUAL,
        /** The retraining schedule. */
        SCHEDULE,
        /** Drift or performance decay beyond its threshold. */
        DRIFT
    }
}
