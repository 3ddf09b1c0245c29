package io.openfraud.model.rules;

/**
 * One rule that fired.
 *
 * @param code         reason code, for example {@code AMOUNT_HIGH}
 * @param feature      the feature it read
 * @param contribution what it added to the score
 */
public record RuleHit(String code, String feature, double contribution) {
}
