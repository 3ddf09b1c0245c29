package io.openfraud.scoring.rules;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.scoring.config.DecisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scorer used while no model is loaded (and, in the walking skeleton, the placeholder for the model): a few
 * transparent rules on the feature vector, so the stream and the synchronous path give the same score for the same
 * features. It says {@code scorer=RULES} so nobody mistakes it for the model.
 */
@ApplicationScoped
public class RulesScorer {

    /** Version reported as {@code modelVersion}. */
    public static final String VERSION = "rules-1";
    /** What is missing when the vector could not be had. */
    public static final String NO_FEATURES = "FEATURES_UNAVAILABLE";

    private static final double LARGE_AMOUNT_LOG = Math.log1p(10_000);
    private static final double VERY_LARGE_AMOUNT_LOG = Math.log1p(100_000);

    private final DecisionConfig decisions;

    RulesScorer(DecisionConfig decisions) {
        this.decisions = decisions;
    }

    public Verdict score(Map<String, Double> features, String featureSetVersion, List<String> degraded) {
        double score = 0.02;
        List<Reason> reasons = new ArrayList<>();
        double amountLog = features.getOrDefault("amount_log", 0.0);
        if (amountLog >= VERY_LARGE_AMOUNT_LOG) {
            score += 0.6;
            reasons.add(new Reason("AMOUNT_VERY_HIGH", "amount_log", 0.6));
        } else if (amountLog >= LARGE_AMOUNT_LOG) {
            score += 0.3;
            reasons.add(new Reason("AMOUNT_HIGH", "amount_log", 0.3));
        }
        if (features.containsKey("customer_txn_count") && features.get("customer_txn_count") == 0.0) {
            score += 0.1;
            reasons.add(new Reason("NEW_CUSTOMER", "customer_txn_count", 0.1));
        }
        if (features.getOrDefault("has_previous", 0.0) == 1.0
                && features.getOrDefault("seconds_since_previous", Double.MAX_VALUE) < 60) {
            score += 0.3;
            reasons.add(new Reason("RAPID_REPEAT", "seconds_since_previous", 0.3));
        }
        score = Math.min(score, 0.99);
        reasons.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
        return new Verdict(score, decide(score), reasons, VERSION, featureSetVersion, Scorer.RULES, degraded);
    }

    Decision decide(double score) {
        if (score >= decisions.declineThreshold()) {
            return Decision.DECLINE;
        }
        return score >= decisions.reviewThreshold() ? Decision.REVIEW : Decision.APPROVE;
    }
}
