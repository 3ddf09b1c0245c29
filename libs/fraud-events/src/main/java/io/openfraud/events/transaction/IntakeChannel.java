package io.openfraud.events.transaction;

/** Where a transaction entered the platform. */
public enum IntakeChannel {
    REST, KAFKA, FILE
}
