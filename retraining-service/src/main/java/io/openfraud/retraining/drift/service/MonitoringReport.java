package io.openfraud.retraining.drift.service;

import io.openfraud.retraining.drift.core.DriftReport;
import io.openfraud.retraining.performance.VersionPerformance;
import io.openfraud.retraining.trigger.TriggerDecision;
import java.time.Instant;
import java.util.List;

/**
 * One monitoring check: data and prediction drift, performance per model version, and what the trigger decided.
 *
 * @param generatedAt when the check ran
 * @param driftStatus {@code ok}, {@code no-reference} (none set yet) or {@code no-data} (no vectors counted yet)
 * @param drift       the drift report, or null unless {@code ok}
 * @param performance rolling performance per model version on matured labels
 * @param decisions   trigger decisions made by this check (empty if nothing called for retraining)
 */
public record MonitoringReport(Instant generatedAt, String driftStatus, DriftReport drift,
        List<VersionPerformance> performance, List<TriggerDecision> decisions) {

    public MonitoringReport {
        performance = List.copyOf(performance);
        decisions = List.copyOf(decisions);
    }
}
