package io.openfraud.retraining.performance;

import java.time.Instant;

/**
 * Rolling performance of one model version on matured labels, beside its registered test metrics.
 *
 * @param modelVersion       the version
 * @param windowFrom         scored from (inclusive)
 * @param windowTo           scored before (now minus the maturity delay)
 * @param verdicts           matured verdicts in the window
 * @param labelled           of those, with a label
 * @param positives          FRAUD among them (unlabelled ones count as LEGIT when so configured)
 * @param thresholdSource    {@code registered} (score at or above the version's threshold) or {@code decision}
 *                           (REVIEW or DECLINE) when no threshold is registered
 * @param threshold          the registered threshold, or null
 * @param precision          rolling precision at the threshold (null if undefined)
 * @param recall             rolling recall at the threshold (null if undefined)
 * @param prAuc              rolling PR-AUC (average precision), null without positives
 * @param registeredPrAuc    PR-AUC on the version's test window, or null if not registered
 * @param registeredPrecision precision registered, or null
 * @param registeredRecall   recall registered, or null
 * @param prAucDrop          registered minus rolling PR-AUC, or null
 * @param enoughPositives    at least {@code openfraud.performance.min-positives} positives (only then may decay
 *                           trigger retraining)
 * @param decayed            enough positives and the drop exceeds the threshold
 */
public record VersionPerformance(String modelVersion, Instant windowFrom, Instant windowTo, long verdicts,
        long labelled, long positives, String thresholdSource, Double threshold, Double precision, Double recall,
        Double prAuc, Double registeredPrAuc, Double registeredPrecision, Double registeredRecall, Double prAucDrop,
        boolean enoughPositives, boolean decayed) {
}
