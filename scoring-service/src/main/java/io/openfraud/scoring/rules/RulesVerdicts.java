package io.openfraud.scoring.rules;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.model.rules.RuleScore;
import io.openfraud.model.rules.RulesScorer;
import io.openfraud.scoring.config.DecisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Verdicts of the rules fallback ({@link RulesScorer} in fraud-model, the same rules training evaluates beside every
 * model), used while no model is loaded: the stream and the synchronous path give the same score for the same
 * features. It says {@code scorer=RULES} so nobody mistakes it for the model.
 */
@ApplicationScoped
public class RulesVerdicts {

    /** Version reported as {@code modelVersion}. */
    public static final String VERSION = RulesScorer.VERSION;
    /** What is missing when the vector could not be had. */
    public static final String NO_FEATURES = "FEATURES_UNAVAILABLE";

    private final DecisionConfig decisions;

    RulesVerdicts(DecisionConfig decisions) {
        this.decisions = decisions;
    }

    public Verdict score(Map<String, Double> features, String featureSetVersion, List<String> degraded) {
        RuleScore rules = RulesScorer.score(features);
        List<Reason> reasons = rules.hits().stream()
                .map(h -> new Reason(h.code(), h.feature(), h.contribution()))
                .toList();
        return new Verdict(rules.score(), decide(rules.score()), reasons, VERSION, featureSetVersion, Scorer.RULES,
                degraded);
    }

    Decision decide(double score) {
        if (score >= decisions.declineThreshold()) {
            return Decision.DECLINE;
        }
        return score >= decisions.reviewThreshold() ? Decision.REVIEW : Decision.APPROVE;
    }
}
