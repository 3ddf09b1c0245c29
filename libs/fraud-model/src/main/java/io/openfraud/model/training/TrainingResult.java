package io.openfraud.model.training;

import io.openfraud.model.artifact.ModelArtifact;

/**
 * A trained model and its report.
 *
 * @param artifact the artifact to register
 * @param report   the run's report
 */
public record TrainingResult(ModelArtifact artifact, TrainingReport report) {
}
