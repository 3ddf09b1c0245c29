package io.openfraud.events.label;

/** Ground truth for a transaction. */
public enum LabelValue {
    FRAUD, LEGIT
}
