package io.openfraud.retraining.training;

/**
 * The champion a training run compares its candidate with.
 *
 * @param version           its version
 * @param featureSetVersion its feature set
 * @param sha256            its artifact checksum (the bytes were verified against it)
 * @param artifact          its artifact bytes
 */
public record Incumbent(String version, String featureSetVersion, String sha256, byte[] artifact) {
}
