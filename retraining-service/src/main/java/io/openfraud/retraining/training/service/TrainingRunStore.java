package io.openfraud.retraining.training.service;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.registry.service.ModelRegistry;
import io.openfraud.retraining.registry.service.NewVersion;
import io.openfraud.retraining.training.TrainedModel;
import io.openfraud.retraining.training.persistence.TrainingRunEntity;
import io.openfraud.retraining.training.persistence.TrainingRunEntity.GateDecision;
import io.openfraud.retraining.training.persistence.TrainingRunEntity.Status;
import io.openfraud.retraining.training.persistence.TrainingRunRepository;
import io.openfraud.retraining.training.rest.TrainingRunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The training runs' state transitions, each in its own transaction. */
@ApplicationScoped
public class TrainingRunStore {

    private final TrainingRunRepository runs;
    private final ModelRegistry registry;

    TrainingRunStore(TrainingRunRepository runs, ModelRegistry registry) {
        this.runs = runs;
        this.registry = registry;
    }

    /**
     * Records a new QUEUED run. The caller holds the training lock, so runs still QUEUED or RUNNING were interrupted
     * and are failed first.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TrainingRunView createQueued(Trigger trigger, Instant windowStart, Instant windowEnd, boolean synthetic,
            Map<String, String> hyperparameters, String requestedBy, Instant scheduleSlot) {
        Instant now = now();
        runs.failInterrupted(now);
        TrainingRunEntity run = new TrainingRunEntity();
        run.status = Status.QUEUED;
        run.trigger = trigger;
        run.windowStart = windowStart;
        run.windowEnd = windowEnd;
        run.synthetic = synthetic;
        run.hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        run.requestedBy = requestedBy;
        run.requestedAt = now;
        run.scheduleSlot = scheduleSlot;
        runs.persistAndFlush(run);
        return view(run);
    }

    /** Fails runs left QUEUED or RUNNING; only while holding the training lock. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int failInterrupted() {
        return runs.failInterrupted(now());
    }

    /** Marks the run RUNNING and returns it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TrainingRunView markRunning(long id) {
        TrainingRunEntity run = runs.findById(id);
        run.status = Status.RUNNING;
        run.startedAt = now();
        run.phase = "starting";
        return view(run);
    }

    /** Records progress. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(long id, double fraction, String phase) {
        runs.update("progress = ?1, phase = ?2 where id = ?3 and status = ?4", fraction,
                phase == null ? null : truncate(phase, 200), id, Status.RUNNING);
    }

    /**
     * Registers the trained model (gate, audit, models.lifecycle via the outbox) and marks the run SUCCEEDED, in one
     * transaction: a run never succeeds without its version, nor a version exists from a run still RUNNING.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public TrainingRunView succeed(long id, TrainedModel model) {
        TrainingRunEntity run = runs.findById(id);
        ModelRegistry.Registration registration = registry.register(new NewVersion(model.artifact(), model.sha256(),
                model.featureSetVersion(), run.synthetic, run.trigger, run.id, run.requestedBy, run.windowStart,
                run.windowEnd, model.testWindowStart(), model.testWindowEnd(), model.rowCount(), model.labelCount(),
                model.fraudLabelCount(), model.hyperparameters(), model.metrics(), model.incumbentVersion(),
                model.incumbentMetrics()));
        run.status = Status.SUCCEEDED;
        run.finishedAt = now();
        run.progress = 1.0;
        run.phase = "done";
        run.modelVersion = registration.version().version();
        run.gateDecision = registration.decision().promote() ? GateDecision.CHAMPION : GateDecision.CHALLENGER;
        run.gateReason = truncate(registration.decision().reason(), 2000);
        run.report = report(model);
        return view(run);
    }

    /** Marks the run FAILED with {@code error}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long id, String error) {
        TrainingRunEntity run = runs.findById(id);
        run.status = Status.FAILED;
        run.finishedAt = now();
        run.error = truncate(error, 2000);
    }

    @Transactional
    public Optional<TrainingRunView> get(long id) {
        return runs.findByIdOptional(id).map(TrainingRunStore::view);
    }

    @Transactional
    public boolean slotTaken(Instant slot) {
        return runs.slotTaken(slot);
    }

    private static Map<String, Object> report(TrainedModel model) {
        Map<String, Object> report = new LinkedHashMap<>(model.report());
        report.put("featureSetVersion", model.featureSetVersion());
        report.put("hyperparameters", model.hyperparameters());
        report.put("rowCount", model.rowCount());
        report.put("labelCount", model.labelCount());
        report.put("fraudLabelCount", model.fraudLabelCount());
        if (model.testWindowStart() != null && model.testWindowEnd() != null) {
            report.put("testWindow", Map.of("start", model.testWindowStart().toString(), "end",
                    model.testWindowEnd().toString()));
        }
        report.put("metrics", model.metrics());
        if (model.incumbentVersion() != null) {
            report.put("championVersion", model.incumbentVersion());
            report.put("championMetrics", model.incumbentMetrics());
        }
        return report;
    }

    static TrainingRunView view(TrainingRunEntity r) {
        return new TrainingRunView(r.id, r.status, r.trigger, r.windowStart, r.windowEnd, r.synthetic,
                r.hyperparameters, r.requestedBy, r.requestedAt, r.startedAt, r.finishedAt,
                new TrainingRunView.Progress(r.progress, r.phase), r.report, r.modelVersion,
                r.gateDecision == null ? null : new TrainingRunView.Gate(r.gateDecision, r.gateReason), r.error);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
