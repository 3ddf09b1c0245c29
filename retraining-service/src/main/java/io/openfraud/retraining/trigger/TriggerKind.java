package io.openfraud.retraining.trigger;

/** Why retraining is requested. */
public enum TriggerKind {
    /** Dataset or prediction drift beyond its threshold. */
    DRIFT,
    /** PR-AUC on matured labels dropped beyond its threshold. */
    DECAY,
    /** Kept for requests stored before scheduled training moved to {@code openfraud.training.schedule.cron}. */
    SCHEDULE,
    /** A person asked. */
    MANUAL
}
