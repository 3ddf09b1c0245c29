-- The retention purge (io.openfraud.retraining.retention.RetentionPurge) finds expired rows by these times.
CREATE INDEX labels_by_received_at ON labels (received_at);
CREATE INDEX scored_outcomes_by_scored_at ON scored_outcomes (scored_at);
CREATE INDEX subject_training_exclusions_by_since ON subject_training_exclusions (since);
