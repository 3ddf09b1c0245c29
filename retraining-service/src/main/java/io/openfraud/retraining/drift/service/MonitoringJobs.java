package io.openfraud.retraining.drift.service;

import io.openfraud.retraining.drift.config.DriftConfig;
import io.openfraud.retraining.trigger.TriggerStore;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The scheduled jobs, each fired once across replicas: every replica's scheduler fires, and only the replica that
 * claims the slot (a row keyed by job and slot start in {@code scheduled_slots}) runs it. Slots of the check are
 * aligned to the epoch in multiples of its interval. (Scheduled retraining is {@code TrainingSchedule}'s.)
 */
@ApplicationScoped
public class MonitoringJobs {

    private static final Logger LOG = Logger.getLogger(MonitoringJobs.class);

    private final MonitoringService monitoring;
    private final TriggerStore slots;
    private final DriftAccumulator accumulator;
    private final long checkMillis;

    MonitoringJobs(MonitoringService monitoring, TriggerStore slots,
            DriftAccumulator accumulator, DriftConfig config) {
        this.monitoring = monitoring;
        this.slots = slots;
        this.accumulator = accumulator;
        this.checkMillis = DurationConverter.parseDuration(config.checkInterval()).toMillis();
    }

    @Scheduled(identity = "drift-check", every = "${openfraud.drift.check-interval}",
            delayed = "${openfraud.drift.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        long now = System.currentTimeMillis();
        Instant slot = Instant.ofEpochMilli(Math.floorDiv(now, checkMillis) * checkMillis);
        if (!slots.claim("drift-check", slot, accumulator.replica())) {
            accumulator.flush(); // another replica runs the check; still hand over this replica's counts
            return;
        }
        MonitoringReport report = monitoring.check();
        LOG.infof("drift check: %s, dataset drift %s, %d model versions measured, %d trigger decisions",
                report.driftStatus(), report.drift() != null && report.drift().dataset().drifted(),
                report.performance().size(), report.decisions().size());
    }
}
