package io.openfraud.retraining.drift.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.retraining.drift.config.DriftConfig;
import io.openfraud.retraining.drift.core.DriftCalculator;
import io.openfraud.retraining.drift.core.DriftReport;
import io.openfraud.retraining.drift.core.NumericHistogram;
import io.openfraud.retraining.drift.core.ProductionProfile;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import io.openfraud.retraining.drift.persistence.DriftStore;
import io.openfraud.retraining.performance.PerformanceGauges;
import io.openfraud.retraining.performance.PerformanceService;
import io.openfraud.retraining.performance.VersionPerformance;
import io.openfraud.retraining.trigger.RetrainingTrigger;
import io.openfraud.retraining.trigger.TriggerDecision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The monitoring check: flushes this replica's counts, compares the latest production window (every replica's
 * buckets) with the active reference, measures each model version on matured labels, publishes the gauges, lets the
 * trigger decide, and stores the report.
 */
@ApplicationScoped
public class MonitoringService {

    private static final Logger LOG = Logger.getLogger(MonitoringService.class);

    private final DriftAccumulator accumulator;
    private final DriftStore store;
    private final DriftConfig config;
    private final PerformanceService performance;
    private final DriftGauges driftGauges;
    private final PerformanceGauges performanceGauges;
    private final RetrainingTrigger trigger;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    MonitoringService(DriftAccumulator accumulator, DriftStore store, DriftConfig config,
            PerformanceService performance, DriftGauges driftGauges, PerformanceGauges performanceGauges,
            RetrainingTrigger trigger, ObjectMapper mapper) {
        this.accumulator = accumulator;
        this.store = store;
        this.config = config;
        this.performance = performance;
        this.driftGauges = driftGauges;
        this.performanceGauges = performanceGauges;
        this.trigger = trigger;
        this.mapper = mapper;
    }

    /** Runs a check now and returns its report. */
    public MonitoringReport check() {
        accumulator.flush();
        Instant now = clock.instant();
        DriftReport drift = null;
        String status;
        Long referenceId = null;
        Optional<DriftStore.StoredReference> active = store.active();
        if (active.isEmpty()) {
            status = "no-reference";
        } else {
            referenceId = active.get().id();
            ReferenceProfile reference = active.get().profile();
            Optional<Instant> newest = store.newestBucket(referenceId);
            if (newest.isEmpty()) {
                status = "no-data";
            } else {
                Instant to = newest.get().plus(config.bucket());
                Instant from = to.minus(config.window());
                ProductionProfile window = store.window(referenceId, reference, from, to);
                NumericHistogram previousScores = reference.scores() != null ? null
                        : store.window(referenceId, reference, from.minus(config.window()), from).scores();
                drift = DriftCalculator.compare(reference, window, previousScores, config.settings(), from, to, now);
                driftGauges.update(drift);
                status = "ok";
                int deleted = store.deleteBucketsBefore(newest.get().minus(config.retention()));
                if (deleted > 0) {
                    LOG.infof("deleted %d drift buckets past retention", deleted);
                }
            }
        }
        List<VersionPerformance> performances = performance.evaluate(now);
        performanceGauges.update(performances);
        List<TriggerDecision> decisions = trigger.consider(drift, performances);
        MonitoringReport report = new MonitoringReport(now, status, drift, performances, decisions);
        try {
            store.saveReport(now, referenceId, drift != null && drift.dataset().drifted(),
                    mapper.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
        return report;
    }

    /** The latest stored report, if any check has run. */
    public Optional<MonitoringReport> latest() {
        return store.latestReport().map(json -> {
            try {
                return mapper.readValue(json, MonitoringReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable stored report", e);
            }
        });
    }
}
