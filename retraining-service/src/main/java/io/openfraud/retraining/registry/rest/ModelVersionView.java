package io.openfraud.retraining.registry.rest;

import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import java.time.Instant;

/**
 * A model version as the API shows it.
 *
 * @param modelName         registered model name
 * @param version           version
 * @param stage             REGISTERED, CHALLENGER, CHAMPION or RETIRED
 * @param featureSetVersion feature set it was trained on
 * @param sha256            artifact checksum
 * @param synthetic         trained on generated data
 * @param createdAt         when it was registered
 */
public record ModelVersionView(String modelName, String version, Stage stage, String featureSetVersion,
        String sha256, boolean synthetic, Instant createdAt) {
}
