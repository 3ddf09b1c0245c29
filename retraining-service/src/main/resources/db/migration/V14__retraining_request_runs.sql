-- A retraining request now starts a training run (TrainingRunRequests): the run it started, if any. Statuses:
-- PENDING (recorded only, the former default), STARTED (training_run_id set), RUN_IN_PROGRESS (another run held the
-- one-at-a-time lock: nothing to add), FAILED (the start was refused; the reason is appended).
ALTER TABLE retraining_requests ADD COLUMN training_run_id BIGINT;
