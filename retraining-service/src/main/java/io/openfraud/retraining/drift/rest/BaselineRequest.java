package io.openfraud.retraining.drift.rest;

/**
 * A model version's registered test metrics (until the registry provides them).
 *
 * @param threshold decision threshold: a score at or above it is flagged (0 to 1)
 * @param prAuc     PR-AUC on the version's test window (0 to 1)
 * @param precision precision at the threshold on the test window, optional
 * @param recall    recall at the threshold on the test window, optional
 */
public record BaselineRequest(Double threshold, Double prAuc, Double precision, Double recall) {
}
