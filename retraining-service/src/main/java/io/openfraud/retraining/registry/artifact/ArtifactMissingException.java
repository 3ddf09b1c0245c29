package io.openfraud.retraining.registry.artifact;

/** A registered version whose bytes its store does not have. */
public class ArtifactMissingException extends RuntimeException {

    public ArtifactMissingException(String message) {
        super(message);
    }
}
