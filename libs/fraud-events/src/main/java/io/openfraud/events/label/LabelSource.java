package io.openfraud.events.label;

/** Where a label came from. */
public enum LabelSource {
    /** A label column of an imported file (PaySim {@code isFraud}, Sparkov {@code is_fraud}). */
    IMPORT,
    /** A chargeback reported by the issuer or acquirer. */
    CHARGEBACK,
    /** An analyst resolving an alert. */
    ANALYST,
    /** A human review of an automated decision (RGPD Art. 22). */
    REVIEW
}
