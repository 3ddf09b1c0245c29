package io.openfraud.retraining.training.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.registry.service.ModelRegistry;
import io.openfraud.retraining.training.Incumbent;
import io.openfraud.retraining.training.ModelTrainer;
import io.openfraud.retraining.training.TrainedModel;
import io.openfraud.retraining.training.TrainingProgress;
import io.openfraud.retraining.training.TrainingRequest;
import io.openfraud.retraining.training.VersionRegistered;
import io.openfraud.retraining.training.persistence.TrainingRunEntity.GateDecision;
import io.openfraud.retraining.training.config.TrainingConfig;
import io.openfraud.retraining.training.rest.TrainingRunView;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts training runs and runs them in the background, one at a time per deployment.
 *
 * <p>A start takes the deployment-wide {@link TrainingLock} or fails at once: a second request while a run is queued
 * or running, on any replica, gets 409 (it is not queued: the caller decides whether to retry, and a schedule or a
 * drift trigger that finds a run in progress has nothing to add). The run keeps the lock until it ends. Then it loads
 * the champion's artifact, calls the {@link ModelTrainer}, and registers the result through the registry's gate in
 * the same transaction that marks the run SUCCEEDED; any failure marks it FAILED with the reason.
 */
@ApplicationScoped
public class TrainingRuns {

    private static final Logger LOG = Logger.getLogger(TrainingRuns.class);
    /** Accepted clock skew between a client and this service for a window's end. */
    private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);
    private static final String UNIQUE_VIOLATION = "23505";

    /** A start that found a run in progress, or (scheduled) a slot already started by another replica. */
    public static class RunInProgressException extends ProblemException {
        RunInProgressException(String detail) {
            super(409, detail);
        }
    }

    /**
     * What to train.
     *
     * @param trigger         MANUAL, SCHEDULE or DRIFT
     * @param windowStart     inclusive
     * @param windowEnd       exclusive
     * @param synthetic       train on generated data
     * @param hyperparameters overrides
     * @param requestedBy     who asks (for the audit trail)
     */
    public record Spec(Trigger trigger, Instant windowStart, Instant windowEnd, boolean synthetic,
            Map<String, String> hyperparameters, String requestedBy) {
    }

    private final TrainingLock lock;
    private final TrainingRunStore store;
    private final ModelRegistry registry;
    private final ModelTrainer trainer;
    private final TrainingConfig config;
    private final MeterRegistry meters;
    private final Event<VersionRegistered> registered;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "training-run");
        thread.setDaemon(true);
        return thread;
    });

    TrainingRuns(TrainingLock lock, TrainingRunStore store, ModelRegistry registry, ModelTrainer trainer,
            TrainingConfig config, MeterRegistry meters, Event<VersionRegistered> registered) {
        this.meters = meters;
        this.registered = registered;
        this.lock = lock;
        this.store = store;
        this.registry = registry;
        this.trainer = trainer;
        this.config = config;
    }

    /** Runs interrupted by a stop of their replica are failed at start, when no replica is training. */
    void sweep(@Observes StartupEvent started) {
        try {
            lock.tryAcquire().ifPresent(held -> {
                try (held) {
                    int failed = store.failInterrupted();
                    if (failed > 0) {
                        LOG.warnf("%d training run(s) were interrupted by a stop and are marked FAILED", failed);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("start-up sweep of interrupted training runs skipped: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Starts a run in the background.
     *
     * @return the run, QUEUED
     * @throws ProblemException 400 for a bad window, 409 if a run is queued or running anywhere in the deployment
     */
    public TrainingRunView start(Spec spec) {
        return start(spec, null);
    }

    /**
     * Starts the scheduled run of {@code slot} (a cron fire time), unless a run is in progress or another replica
     * started this slot already.
     */
    public Optional<TrainingRunView> startScheduled(Spec spec, Instant slot) {
        if (store.slotTaken(slot)) {
            return Optional.empty();
        }
        try {
            return Optional.of(start(spec, slot));
        } catch (RunInProgressException e) {
            LOG.infof("scheduled training of %s skipped: %s", slot, e.getMessage());
            return Optional.empty();
        }
    }

    /** The run {@code id}. */
    public Optional<TrainingRunView> get(long id) {
        return store.get(id);
    }

    private TrainingRunView start(Spec spec, Instant slot) {
        validate(spec);
        TrainingLock.Held held = lock.tryAcquire().orElseThrow(() -> new RunInProgressException(
                "A training run is already queued or running in this deployment; one runs at a time. Retry when it "
                        + "has finished (GET /api/v1/training-runs/{id})."));
        try {
            TrainingRunView run;
            try {
                run = store.createQueued(spec.trigger(), spec.windowStart(), spec.windowEnd(), spec.synthetic(),
                        spec.hyperparameters(), spec.requestedBy(), slot);
            } catch (RuntimeException e) {
                if (isUniqueViolation(e)) {
                    throw new RunInProgressException(slot != null ? "The scheduled run of " + slot
                            + " was started already." : "A training run is already queued or running.");
                }
                throw e;
            }
            executor.execute(() -> {
                try (held) {
                    execute(run);
                }
            });
            LOG.infof("training run %d queued by %s (%s, %s to %s)", run.id(), spec.requestedBy(), spec.trigger(),
                    spec.windowStart(), spec.windowEnd());
            return run;
        } catch (RuntimeException e) {
            held.close();
            if (e instanceof RejectedExecutionException) {
                throw new ProblemException(503, "The service is stopping; no training run was started.");
            }
            throw e;
        }
    }

    private void execute(TrainingRunView queued) {
        long id = queued.id();
        try {
            TrainingRunView run = store.markRunning(id);
            Optional<Incumbent> incumbent = registry.championArtifact().map(a -> new Incumbent(a.version(),
                    a.featureSetVersion(), a.sha256(), a.bytes()));
            TrainedModel model = trainer.train(new TrainingRequest(id, run.windowStart(), run.windowEnd(),
                    run.synthetic(), run.hyperparameters(), run.trigger()), incumbent, progress(id));
            if (model == null || model.artifact() == null || model.sha256() == null
                    || model.featureSetVersion() == null) {
                throw new IllegalStateException("the trainer returned no artifact, checksum or feature-set version");
            }
            TrainingRunView done = store.succeed(id, model);
            LOG.infof("training run %d registered version %s as %s", id, done.modelVersion(),
                    done.gate().decision());
            finished(run.trigger(), "SUCCEEDED");
            try {
                registered.fire(new VersionRegistered(id, done.modelVersion(),
                        done.gate().decision() == GateDecision.CHAMPION));
            } catch (RuntimeException e) {
                LOG.errorf(e, "training run %d: an observer of the registration of %s failed", id,
                        done.modelVersion());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.errorf(e, "training run %d failed: %s", id, reason);
            finished(queued.trigger(), "FAILED");
            try {
                store.fail(id, reason);
            } catch (RuntimeException recording) {
                LOG.errorf(recording, "training run %d: could not record its failure", id);
            }
        }
    }

    /** Counts finished runs: {@code openfraud_training_runs_total{status, trigger}}. */
    private void finished(Trigger trigger, String status) {
        meters.counter("openfraud.training.runs", "status", status, "trigger", trigger.name()).increment();
    }

    /** Writes progress when it moved by at least the configured step, or the phase changed. */
    private TrainingProgress progress(long id) {
        return new TrainingProgress() {
            private double written = -1;
            private String phase;

            @Override
            public synchronized void report(double fraction, String newPhase) {
                double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
                boolean phaseChanged = newPhase != null && !newPhase.equals(phase);
                if (clamped - written >= config.progressStep() || phaseChanged || (clamped == 1 && written < 1)) {
                    written = clamped;
                    phase = newPhase == null ? phase : newPhase;
                    try {
                        store.progress(id, clamped, phase);
                    } catch (RuntimeException e) {
                        LOG.debugf("training run %d: progress not recorded: %s", id, e.toString());
                    }
                }
            }
        };
    }

    private void validate(Spec spec) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (spec.windowStart() == null) {
            errors.add(new Problem.FieldError("windowStart", "is required"));
        }
        if (spec.windowEnd() == null) {
            errors.add(new Problem.FieldError("windowEnd", "is required"));
        }
        if (errors.isEmpty()) {
            if (!spec.windowStart().isBefore(spec.windowEnd())) {
                errors.add(new Problem.FieldError("windowEnd", "must be after windowStart"));
            } else if (Duration.between(spec.windowStart(), spec.windowEnd()).compareTo(config.maxWindow()) > 0) {
                errors.add(new Problem.FieldError("windowStart", "the window is longer than " + config.maxWindow()
                        + " (openfraud.training.max-window)"));
            }
            if (spec.windowEnd().isAfter(Instant.now().plus(FUTURE_SLACK))) {
                errors.add(new Problem.FieldError("windowEnd", "is in the future: no labels exist there yet"));
            }
        }
        if (spec.hyperparameters() != null && spec.hyperparameters().size() > 100) {
            errors.add(new Problem.FieldError("hyperparameters", "at most 100 entries"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The training window is not valid.", errors);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
