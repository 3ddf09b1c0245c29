package io.openfraud.retraining.registry.service;

import io.openfraud.retraining.registry.config.RegistryConfig;
import java.util.Locale;
import java.util.Map;

/**
 * The promotion gate: a new version becomes champion only if it is not worse than the champion <em>on the same test
 * window</em> (the training run evaluates both on the latest slice of its data), on PR-AUC and on recall at the target
 * false-positive rate, each within a configured tolerance. Without a champion the first version becomes champion.
 * Without the champion's metrics on that window (the trainer could not evaluate it, for example after a feature-set
 * change, or the champion changed while training ran) the candidate is held as challenger: a promotion must be earned
 * on evidence, or made by hand.
 */
public final class PromotionGate {

    /** PR-AUC on the test window. */
    public static final String PR_AUC = "prAuc";
    /** Recall at the target false-positive rate on the test window. */
    public static final String RECALL_AT_TARGET_FPR = "recallAtTargetFpr";

    /**
     * The outcome.
     *
     * @param promote true if the candidate becomes champion, false if challenger
     * @param first   true if there was no champion
     * @param reason  the comparison, for the audit trail and the training run's report
     */
    public record Decision(boolean promote, boolean first, String reason) {
    }

    private final double prAucTolerance;
    private final double recallTolerance;

    public PromotionGate(double prAucTolerance, double recallTolerance) {
        if (prAucTolerance < 0 || recallTolerance < 0) {
            throw new IllegalArgumentException("gate tolerances are >= 0");
        }
        this.prAucTolerance = prAucTolerance;
        this.recallTolerance = recallTolerance;
    }

    public PromotionGate(RegistryConfig.Gate config) {
        this(config.prAucTolerance(), config.recallTolerance());
    }

    /**
     * Decides for a candidate.
     *
     * @param candidate        the candidate's metrics on the run's test window
     * @param champion         the current champion's version, or null if there is none
     * @param evaluatedVersion the version the trainer evaluated as incumbent on the same window, or null
     * @param championMetrics  that version's metrics on the same window (empty if not evaluated)
     */
    public Decision decide(Map<String, Double> candidate, String champion, String evaluatedVersion,
            Map<String, Double> championMetrics) {
        if (champion == null) {
            return new Decision(true, true, "first version: no champion to compare with");
        }
        if (!champion.equals(evaluatedVersion) || championMetrics == null || championMetrics.isEmpty()) {
            return new Decision(false, false, "champion " + champion + " was not evaluated on this run's test window"
                    + (evaluatedVersion == null ? "" : " (the run evaluated " + evaluatedVersion + ")")
                    + ": held as challenger");
        }
        for (String metric : new String[] {PR_AUC, RECALL_AT_TARGET_FPR}) {
            if (!finite(candidate.get(metric))) {
                return new Decision(false, false, "the candidate has no " + metric + ": held as challenger");
            }
            if (!finite(championMetrics.get(metric))) {
                return new Decision(false, false, "the champion has no " + metric + " on this window: held as "
                        + "challenger");
            }
        }
        double prAuc = candidate.get(PR_AUC);
        double recall = candidate.get(RECALL_AT_TARGET_FPR);
        double championPrAuc = championMetrics.get(PR_AUC);
        double championRecall = championMetrics.get(RECALL_AT_TARGET_FPR);
        boolean prAucOk = prAuc >= championPrAuc - prAucTolerance;
        boolean recallOk = recall >= championRecall - recallTolerance;
        String comparison = String.format(Locale.ROOT, "%s %.4f vs champion %s %.4f (tolerance %.4f), %s %.4f vs %.4f "
                + "(tolerance %.4f)", PR_AUC, prAuc, champion, championPrAuc, prAucTolerance, RECALL_AT_TARGET_FPR,
                recall, championRecall, recallTolerance);
        if (prAucOk && recallOk) {
            return new Decision(true, false, "not worse than the champion: " + comparison);
        }
        String worse = !prAucOk && !recallOk ? PR_AUC + " and " + RECALL_AT_TARGET_FPR : !prAucOk ? PR_AUC
                : RECALL_AT_TARGET_FPR;
        return new Decision(false, false, "worse than the champion on " + worse + ": " + comparison);
    }

    private static boolean finite(Double value) {
        return value != null && Double.isFinite(value);
    }
}
