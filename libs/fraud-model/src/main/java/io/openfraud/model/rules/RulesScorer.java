package io.openfraud.model.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules fallback: a few transparent rules on the feature vector, used by scoring while no model is loaded and by
 * training as the baseline every model is reported beside (and must beat). Pure and thread-safe. Version
 * {@value #VERSION}; changing a rule or a weight means a new version.
 *
 * <ul>
 *   <li>{@code AMOUNT_VERY_HIGH} +0.6 when {@code amount_log >= ln(1 + 100000)}, else {@code AMOUNT_HIGH} +0.3 when
 *       {@code amount_log >= ln(1 + 10000)};</li>
 *   <li>{@code NEW_CUSTOMER} +0.1 when {@code customer_txn_count} is present and 0;</li>
 *   <li>{@code RAPID_REPEAT} +0.3 when {@code has_previous = 1} and {@code seconds_since_previous < 60}.</li>
 * </ul>
 * The score starts at 0.02 and is capped at 0.99.
 */
public final class RulesScorer {

    /** Version reported as the model version of rules verdicts. */
    public static final String VERSION = "rules-1";

    private static final double BASE = 0.02;
    private static final double CAP = 0.99;
    private static final double LARGE_AMOUNT_LOG = Math.log1p(10_000);
    private static final double VERY_LARGE_AMOUNT_LOG = Math.log1p(100_000);
    private static final String AMOUNT_LOG = "amount_log";
    private static final String CUSTOMER_TXN_COUNT = "customer_txn_count";
    private static final String HAS_PREVIOUS = "has_previous";
    private static final String SECONDS_SINCE_PREVIOUS = "seconds_since_previous";

    private final int amountLog;
    private final int customerTxnCount;
    private final int hasPrevious;
    private final int secondsSincePrevious;

    private RulesScorer(List<String> names) {
        amountLog = names.indexOf(AMOUNT_LOG);
        customerTxnCount = names.indexOf(CUSTOMER_TXN_COUNT);
        hasPrevious = names.indexOf(HAS_PREVIOUS);
        secondsSincePrevious = names.indexOf(SECONDS_SINCE_PREVIOUS);
    }

    /** A scorer of vectors whose values are in the order of {@code featureNames}. */
    public static RulesScorer forFeatures(List<String> featureNames) {
        return new RulesScorer(featureNames);
    }

    /** Scores a vector in this scorer's feature order. */
    public RuleScore score(double[] vector) {
        return rules(at(vector, amountLog, 0.0), customerTxnCount >= 0 ? vector[customerTxnCount] : null,
                at(vector, hasPrevious, 0.0), at(vector, secondsSincePrevious, Double.MAX_VALUE));
    }

    /** The score alone, for evaluation over many rows. */
    public double probability(double[] vector) {
        return score(vector).score();
    }

    /** Scores a name-to-value map (the form of {@code transactions.enriched}); absent features take neutral values. */
    public static RuleScore score(Map<String, Double> features) {
        return rules(features.getOrDefault(AMOUNT_LOG, 0.0), features.get(CUSTOMER_TXN_COUNT),
                features.getOrDefault(HAS_PREVIOUS, 0.0),
                features.getOrDefault(SECONDS_SINCE_PREVIOUS, Double.MAX_VALUE));
    }

    private static double at(double[] v, int index, double absent) {
        return index >= 0 ? v[index] : absent;
    }

    private static RuleScore rules(double amountLog, Double customerTxnCount, double hasPrevious,
            double secondsSincePrevious) {
        double score = BASE;
        List<RuleHit> hits = new ArrayList<>(3);
        if (amountLog >= VERY_LARGE_AMOUNT_LOG) {
            score += 0.6;
            hits.add(new RuleHit("AMOUNT_VERY_HIGH", AMOUNT_LOG, 0.6));
        } else if (amountLog >= LARGE_AMOUNT_LOG) {
            score += 0.3;
            hits.add(new RuleHit("AMOUNT_HIGH", AMOUNT_LOG, 0.3));
        }
        if (customerTxnCount != null && customerTxnCount == 0.0) {
            score += 0.1;
            hits.add(new RuleHit("NEW_CUSTOMER", CUSTOMER_TXN_COUNT, 0.1));
        }
        if (hasPrevious == 1.0 && secondsSincePrevious < 60) {
            score += 0.3;
            hits.add(new RuleHit("RAPID_REPEAT", SECONDS_SINCE_PREVIOUS, 0.3));
        }
        hits.sort(Comparator.comparingDouble(RuleHit::contribution).reversed());
        return new RuleScore(Math.min(score, CAP), List.copyOf(hits));
    }
}
