package io.openfraud.retraining.registry.service;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import java.time.Instant;
import java.util.Map;

/**
 * A trained model to register, with its lineage.
 *
 * @param artifact          the artifact bytes
 * @param sha256            their checksum as the trainer declared it (verified before anything is stored)
 * @param featureSetVersion feature set it was trained on
 * @param synthetic         trained on generated data
 * @param trigger           what started the training run
 * @param trainingRunId     the run that produced it
 * @param createdBy         who asked for the run (JWT principal, or the scheduler or drift monitor)
 * @param dataWindowStart   training data window start, inclusive
 * @param dataWindowEnd     training data window end, exclusive
 * @param testWindowStart   test slice start (metrics were computed there)
 * @param testWindowEnd     test slice end
 * @param rowCount          rows in the data window
 * @param labelCount        labelled rows
 * @param fraudLabelCount   rows labelled fraud
 * @param hyperparameters   hyperparameters used
 * @param metrics           the candidate's metrics on the test slice
 * @param parentVersion     the champion the trainer evaluated on the same test slice, or null
 * @param parentMetrics     that champion's metrics on the test slice (empty if not evaluated)
 */
public record NewVersion(byte[] artifact, String sha256, String featureSetVersion, boolean synthetic, Trigger trigger,
        Long trainingRunId, String createdBy, Instant dataWindowStart, Instant dataWindowEnd, Instant testWindowStart,
        Instant testWindowEnd, long rowCount, long labelCount, long fraudLabelCount,
        Map<String, String> hyperparameters, Map<String, Double> metrics, String parentVersion,
        Map<String, Double> parentMetrics) {

    public NewVersion {
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        parentMetrics = parentMetrics == null ? Map.of() : Map.copyOf(parentMetrics);
    }
}
