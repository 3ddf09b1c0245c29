package io.openfraud.scoring.features;

import java.util.Map;

/**
 * A feature vector as feature-service serves it.
 *
 * @param featureSetVersion version of the feature set
 * @param features          name to value
 */
public record FeatureVector(String featureSetVersion, Map<String, Double> features) {
}
