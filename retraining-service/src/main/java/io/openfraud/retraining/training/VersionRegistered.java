package io.openfraud.retraining.training;

/**
 * CDI event fired after a training run's version is registered (its transaction committed), so the trainer can do
 * what needs the version: activate the drift reference from the training rows, record the baseline for performance
 * monitoring. Observers must not throw: the run has succeeded already.
 *
 * @param runId     the training run
 * @param version   the registered version
 * @param champion  whether the gate made it champion (else challenger)
 */
public record VersionRegistered(long runId, String version, boolean champion) {
}
