package io.openfraud.retraining.training.service;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.training.config.TrainingConfig;
import io.openfraud.retraining.training.rest.TrainingRunView;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Scheduled retraining ({@code openfraud.training.schedule.cron}, off by default). Every replica's scheduler fires;
 * the run starts once per fire time however many replicas run: a replica that finds the training lock held skips, and
 * the fire time is recorded as the run's unique {@code schedule_slot}, so a replica that fires after the first run
 * already finished (clock skew, a slow start) finds the slot taken and skips too.
 */
@ApplicationScoped
public class TrainingSchedule {

    /** Who the audit trail names for scheduled runs. */
    public static final String PRINCIPAL = "scheduler";

    private final TrainingRuns runs;
    private final TrainingConfig config;

    TrainingSchedule(TrainingRuns runs, TrainingConfig config) {
        this.runs = runs;
        this.config = config;
    }

    @Scheduled(identity = "retraining", cron = "${openfraud.training.schedule.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire(ScheduledExecution execution) {
        fire(execution.getScheduledFireTime());
    }

    /**
     * Starts the run of the slot {@code fireTime} (truncated to the second, so replicas agree on it) over the window
     * {@code [fireTime - window, fireTime)}, unless it started already or a run is in progress.
     */
    public Optional<TrainingRunView> fire(Instant fireTime) {
        Instant slot = fireTime.truncatedTo(ChronoUnit.SECONDS);
        return runs.startScheduled(new TrainingRuns.Spec(Trigger.SCHEDULE, slot.minus(config.schedule().window()),
                slot, false, Map.of(), PRINCIPAL), slot);
    }
}
