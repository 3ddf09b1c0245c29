package io.openfraud.retraining.training.persistence;

import io.openfraud.retraining.training.persistence.TrainingRunEntity.Status;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Reads and writes {@link TrainingRunEntity}. */
@ApplicationScoped
public class TrainingRunRepository implements PanacheRepository<TrainingRunEntity> {

    /**
     * Marks runs left QUEUED or RUNNING as FAILED. Only call while holding the training lock: then no replica is
     * running them, so they were interrupted (their replica stopped or died).
     */
    public int failInterrupted(Instant now) {
        return update("status = ?1, error = ?2, finishedAt = ?3 where status in (?4, ?5)", Status.FAILED,
                "interrupted: the replica running it stopped before it finished", now, Status.QUEUED, Status.RUNNING);
    }

    /** Whether a scheduled run exists for {@code slot}. */
    public boolean slotTaken(Instant slot) {
        return count("scheduleSlot", slot) > 0;
    }
}
