package io.openfraud.retraining.registry.artifact;

/** Artifact bytes whose SHA-256 is not the one registered (on write, or read back from a store). */
public class ArtifactIntegrityException extends RuntimeException {

    public ArtifactIntegrityException(String message) {
        super(message);
    }
}
