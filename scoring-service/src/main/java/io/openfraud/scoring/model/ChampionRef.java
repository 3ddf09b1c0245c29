package io.openfraud.scoring.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of retraining-service's model-version JSON that scoring needs.
 *
 * @param version           model version
 * @param sha256            checksum of the artifact; the loader refuses other bytes
 * @param featureSetVersion feature set the model was trained on
 * @param artifactUri       where the registry serves the bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChampionRef(String version, String sha256, String featureSetVersion, String artifactUri) {
}
