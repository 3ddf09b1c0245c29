package io.openfraud.retraining.training.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.training.persistence.TrainingRunEntity.GateDecision;
import io.openfraud.retraining.training.persistence.TrainingRunEntity.Status;
import java.time.Instant;
import java.util.Map;

/**
 * A training run as the API shows it.
 *
 * @param id              run id
 * @param status          QUEUED, RUNNING, SUCCEEDED or FAILED
 * @param trigger         MANUAL, SCHEDULE or DRIFT
 * @param windowStart     data window start
 * @param windowEnd       data window end
 * @param synthetic       trained on generated data
 * @param hyperparameters requested overrides
 * @param requestedBy     who asked (JWT principal, {@code scheduler}, or the drift monitor)
 * @param requestedAt     when
 * @param startedAt       when training started
 * @param finishedAt      when it ended
 * @param progress        how far it is
 * @param report          the trainer's report: metrics and the champion's on the same test slice, counts, ...
 * @param modelVersion    the version it registered
 * @param gate            what the promotion gate decided
 * @param error           why it failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRunView(long id, Status status, Trigger trigger, Instant windowStart, Instant windowEnd,
        boolean synthetic, Map<String, String> hyperparameters, String requestedBy, Instant requestedAt,
        Instant startedAt, Instant finishedAt, Progress progress, Map<String, Object> report, String modelVersion,
        Gate gate, String error) {

    /**
     * Progress.
     *
     * @param fraction 0 to 1
     * @param phase    what the trainer is doing
     */
    public record Progress(double fraction, String phase) {
    }

    /**
     * The promotion gate's decision.
     *
     * @param decision CHAMPION or CHALLENGER
     * @param reason   the comparison
     */
    public record Gate(GateDecision decision, String reason) {
    }
}
