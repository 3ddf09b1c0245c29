package io.openfraud.events.scoring;

/** What produced a score. */
public enum Scorer {
    /** The champion model. */
    MODEL,
    /** Deterministic rules, used when no model is loaded. */
    RULES
}
