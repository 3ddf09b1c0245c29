package io.openfraud.scoring.rules;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.scoring.config.DecisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The scorer used while no model is loaded (and, in Foundation B, the placeholder for the model): a few transparent
 * rules on the masked transaction alone. It says {@code scorer=RULES} so nobody mistakes it for the model.
 */
@ApplicationScoped
public class RulesScorer {

    /** Version reported as {@code modelVersion}. */
    public static final String VERSION = "rules-1";
    /** What is missing when only rules score. */
    public static final String NO_FEATURES = "FEATURES_UNAVAILABLE";

    private static final long LARGE_AMOUNT_MINOR = 1_000_000L;
    private static final long VERY_LARGE_AMOUNT_MINOR = 10_000_000L;

    private final DecisionConfig decisions;

    RulesScorer(DecisionConfig decisions) {
        this.decisions = decisions;
    }

    public Verdict score(MaskedTransaction transaction, String featureSetVersion, List<String> degraded) {
        double score = 0.02;
        List<Reason> reasons = new ArrayList<>();
        if (transaction.amountMinor() >= VERY_LARGE_AMOUNT_MINOR) {
            score += 0.6;
            reasons.add(new Reason("AMOUNT_VERY_HIGH", "amount", 0.6));
        } else if (transaction.amountMinor() >= LARGE_AMOUNT_MINOR) {
            score += 0.3;
            reasons.add(new Reason("AMOUNT_HIGH", "amount", 0.3));
        }
        if (transaction.type() == TransactionType.TRANSFER || transaction.type() == TransactionType.CASH_OUT) {
            score += 0.1;
            reasons.add(new Reason("TYPE_MONEY_MOVEMENT", "type", 0.1));
        }
        if (emptiedAccount(transaction)) {
            score += 0.25;
            reasons.add(new Reason("ACCOUNT_EMPTIED", "balanceAfter", 0.25));
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

    private static boolean emptiedAccount(MaskedTransaction transaction) {
        MaskedTransaction.MaskedParty customer = transaction.customer();
        return customer != null && customer.balanceBeforeMinor() != null && customer.balanceAfterMinor() != null
                && customer.balanceBeforeMinor() > 0 && customer.balanceAfterMinor() == 0;
    }
}
