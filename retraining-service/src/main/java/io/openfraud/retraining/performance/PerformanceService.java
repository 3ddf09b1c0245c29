package io.openfraud.retraining.performance;

import io.openfraud.events.label.LabelValue;
import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Performance decay: for each model version with matured verdicts (scored between {@code maturity + window} and
 * {@code maturity} ago), rolling precision and recall at the version's threshold and PR-AUC on the current labels,
 * compared with the version's registered test metrics.
 */
@ApplicationScoped
public class PerformanceService {

    private final OutcomeStore outcomes;
    private final PerformanceConfig config;

    PerformanceService(OutcomeStore outcomes, PerformanceConfig config) {
        this.outcomes = outcomes;
        this.config = config;
    }

    /** Every version's rolling performance as of {@code now}. */
    public List<VersionPerformance> evaluate(Instant now) {
        Instant to = now.minus(config.maturity());
        Instant from = to.minus(config.window());
        List<VersionPerformance> result = new ArrayList<>();
        for (String version : outcomes.versions(from, to)) {
            result.add(evaluate(version, outcomes.outcomes(version, from, to), outcomes.baseline(version), from, to));
        }
        return result;
    }

    VersionPerformance evaluate(String version, List<OutcomeStore.Outcome> rows,
            Optional<OutcomeStore.Baseline> baseline, Instant from, Instant to) {
        List<OutcomeStore.Outcome> counted = config.unlabelledAsLegit() ? rows
                : rows.stream().filter(o -> o.label() != null).toList();
        int n = counted.size();
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        boolean[] flagged = new boolean[n];
        long labelled = 0;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            OutcomeStore.Outcome o = counted.get(i);
            scores[i] = o.score();
            positive[i] = o.label() == LabelValue.FRAUD;
            flagged[i] = baseline.map(b -> o.score() >= b.threshold()).orElse(o.flagged());
            if (o.label() != null) {
                labelled++;
            }
            if (positive[i]) {
                positives++;
            }
        }
        double[] pr = precisionRecall(flagged, positive);
        Double rolling = positives == 0 ? null : Metrics.averagePrecision(scores, positive);
        Double registered = baseline.map(OutcomeStore.Baseline::prAuc).orElse(null);
        Double drop = rolling == null || registered == null ? null : registered - rolling;
        boolean enough = positives >= config.minPositives();
        return new VersionPerformance(version, from, to, rows.size(), labelled, positives,
                baseline.isPresent() ? "registered" : "decision",
                baseline.map(OutcomeStore.Baseline::threshold).orElse(null), nullIfNaN(pr[0]), nullIfNaN(pr[1]),
                rolling, registered, baseline.map(OutcomeStore.Baseline::precision).orElse(null),
                baseline.map(OutcomeStore.Baseline::recall).orElse(null), drop, enough,
                enough && drop != null && drop > config.prAucDropThreshold());
    }

    /** {precision, recall} of {@code flagged}; NaN where undefined (nothing flagged, no frauds). */
    static double[] precisionRecall(boolean[] flagged, boolean[] positive) {
        double[] asScores = new double[flagged.length];
        for (int i = 0; i < flagged.length; i++) {
            asScores[i] = flagged[i] ? 1 : 0;
        }
        ConfusionMatrix c = ConfusionMatrix.at(asScores, positive, 1);
        return new double[] {c.truePositives() + c.falsePositives() == 0 ? Double.NaN : c.precision(),
                c.truePositives() + c.falseNegatives() == 0 ? Double.NaN : c.recall()};
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
