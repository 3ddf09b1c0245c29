-- Retention for every transaction, not only those kept after an erasure (io.openfraud.ingestion.subject.service).
--
-- Every row now gets delete_after when it is written: event time + openfraud.retention.years (5, the AML record-keeping
-- period), and the purge deletes it, with what was derived from it, once that date has passed. legal_basis stays NULL
-- until an erasure restricts the row to AML record keeping (which also excludes it from the retraining export).
-- Rows written before this migration get the default five years; a deployment with another period re-stamps them
-- with an UPDATE of its own (docs/security.md, "Retention").
UPDATE transactions SET delete_after = event_time + interval '5 years' WHERE delete_after IS NULL;

-- The purge reads by delete_after; every row has one now, so the index covers the whole table.
DROP INDEX IF EXISTS transactions_delete_after;
CREATE INDEX transactions_delete_after ON transactions (delete_after);

-- Quarantined records and data-quality examples expire after openfraud.retention.quarantine-period.
CREATE INDEX IF NOT EXISTS quarantine_received_at ON quarantine (received_at);
CREATE INDEX IF NOT EXISTS quality_examples_minute ON quality_examples (minute);
-- Vault rows of a subject are deleted once none of their transactions is left.
CREATE INDEX IF NOT EXISTS subject_processing_limits_subject ON subject_processing_limits (subject_pseudonym);
