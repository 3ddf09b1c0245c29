package io.openfraud.retraining.training.persistence;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One training run (table {@code training_runs}). */
@Entity
@Table(name = "training_runs")
public class TrainingRunEntity {

    /** Where a run is. */
    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED
    }

    /** What the gate made of the run's version. */
    public enum GateDecision {
        CHAMPION, CHALLENGER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "training_trigger", nullable = false)
    public Trigger trigger;

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Column(nullable = false)
    public boolean synthetic;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> hyperparameters;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(nullable = false)
    public double progress;

    @Column
    public String phase;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column
    public Map<String, Object> report;

    @Column(name = "model_version")
    public String modelVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "gate_decision")
    public GateDecision gateDecision;

    @Column(name = "gate_reason")
    public String gateReason;

    @Column
    public String error;

    @Column(name = "schedule_slot")
    public Instant scheduleSlot;
}
