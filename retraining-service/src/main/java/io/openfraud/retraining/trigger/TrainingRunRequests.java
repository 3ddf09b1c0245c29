package io.openfraud.retraining.trigger;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.training.rest.TrainingRunView;
import io.openfraud.retraining.training.service.TrainingRuns;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Retraining requested by drift or decay starts a training run at once, with trigger {@code DRIFT}, over the window
 * of {@code openfraud.retraining.trigger.window} ending at the request. A run already in progress (the deployment's
 * one-at-a-time lock) is recorded as {@code RUN_IN_PROGRESS}, not an error: it will register a version trained on
 * recent data anyway. Each request is stored in {@code retraining_requests} with its outcome and run id.
 */
@ApplicationScoped
public class TrainingRunRequests implements RetrainingRequests {

    static final String REQUESTER = "drift-monitor";
    private static final Logger LOG = Logger.getLogger(TrainingRunRequests.class);

    private final TrainingRuns runs;
    private final TriggerStore store;
    private final RetrainingConfig config;

    TrainingRunRequests(TrainingRuns runs, TriggerStore store, RetrainingConfig config) {
        this.runs = runs;
        this.store = store;
        this.config = config;
    }

    @Override
    public long request(RetrainingRequest request) {
        Trigger trigger = request.kind() == TriggerKind.MANUAL ? Trigger.MANUAL : Trigger.DRIFT;
        try {
            TrainingRunView run = runs.start(new TrainingRuns.Spec(trigger,
                    request.requestedAt().minus(config.trigger().window()), request.requestedAt(), false, Map.of(),
                    REQUESTER));
            LOG.infof("retraining (%s) started training run %d: %s", request.kind(), run.id(), request.reason());
            return store.insertRequest(request, "STARTED", run.id());
        } catch (TrainingRuns.RunInProgressException e) {
            LOG.infof("retraining (%s) not started, a training run is in progress: %s", request.kind(),
                    request.reason());
            return store.insertRequest(request, "RUN_IN_PROGRESS", null);
        } catch (ProblemException e) {
            LOG.warnf("retraining (%s) refused: %s", request.kind(), e.getMessage());
            return store.insertRequest(new RetrainingRequest(request.kind(), request.reason() + "; not started: "
                    + e.getMessage(), request.requestedAt()), "FAILED", null);
        }
    }
}
