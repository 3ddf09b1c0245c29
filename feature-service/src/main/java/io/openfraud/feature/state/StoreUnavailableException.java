package io.openfraud.feature.state;

/** Redis did not answer (down, unreachable, or slower than the configured timeout). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
