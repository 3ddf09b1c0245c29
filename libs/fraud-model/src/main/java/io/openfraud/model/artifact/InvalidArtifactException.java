package io.openfraud.model.artifact;

/** An artifact that must not be served: corrupt, tampered with, or built for other features. */
public class InvalidArtifactException extends RuntimeException {

    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
