package io.openfraud.model.rules;

import java.util.List;

/**
 * The rules' score and the rules that fired, largest contribution first.
 *
 * @param score in [0.02, 0.99]
 * @param hits  the rules that fired
 */
public record RuleScore(double score, List<RuleHit> hits) {
}
