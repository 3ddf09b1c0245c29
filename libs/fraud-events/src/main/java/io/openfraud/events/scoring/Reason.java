package io.openfraud.events.scoring;

/**
 * One reason behind a score, in words a fraud analyst understands.
 *
 * @param code         stable reason code, for example {@code AMOUNT_HIGH_FOR_CUSTOMER}
 * @param feature      the feature the reason is about
 * @param contribution how much this feature moved the score (positive raises the risk)
 */
public record Reason(String code, String feature, double contribution) {
}
