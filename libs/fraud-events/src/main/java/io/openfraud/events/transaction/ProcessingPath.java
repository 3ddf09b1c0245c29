package io.openfraud.events.transaction;

/** How a transaction was decided. */
public enum ProcessingPath {
    /** Scored from the stream after it was accepted. */
    ASYNC,
    /** Scored synchronously during authorisation; it carries its decision and is never scored again. */
    SYNC
}
