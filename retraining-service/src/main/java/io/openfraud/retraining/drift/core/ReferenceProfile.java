package io.openfraud.retraining.drift.core;

import java.util.List;

/**
 * What production is compared with: the distribution of every feature (and optionally of the model's scores) on the
 * training set of a model version.
 *
 * @param featureSetVersion feature set of the vectors
 * @param modelVersion      model version trained on this data, or null if set by hand
 * @param source            where it came from (for example {@code training-run 42} or {@code csv upload})
 * @param rows              rows it was built from
 * @param features          one entry per feature, in vector order
 * @param scores            distribution of the model's scores on the reference data, or null if not given
 */
public record ReferenceProfile(String featureSetVersion, String modelVersion, String source, long rows,
        List<FeatureReference> features, NumericHistogram scores) {

    public ReferenceProfile {
        features = List.copyOf(features);
    }

    /** Feature names, in vector order. */
    public List<String> names() {
        return features.stream().map(FeatureReference::name).toList();
    }
}
