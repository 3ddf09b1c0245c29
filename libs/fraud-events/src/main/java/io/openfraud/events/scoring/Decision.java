package io.openfraud.events.scoring;

/** What the platform tells the payment system to do. */
public enum Decision {
    APPROVE, REVIEW, DECLINE
}
