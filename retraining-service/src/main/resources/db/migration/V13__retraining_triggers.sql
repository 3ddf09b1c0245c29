-- A scheduled job fires once per slot however many replicas run: the replica whose insert of (job, slot) succeeds
-- runs it, the others skip.
CREATE TABLE scheduled_slots (
    job        VARCHAR(64) NOT NULL,
    slot       TIMESTAMPTZ NOT NULL,
    claimed_by VARCHAR(64) NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job, slot)
);

-- Retraining requests (drift, decay, schedule, manual). The training pipeline picks PENDING ones up.
CREATE TABLE retraining_requests (
    id           BIGSERIAL    PRIMARY KEY,
    trigger_kind VARCHAR(16)  NOT NULL CHECK (trigger_kind IN ('DRIFT', 'DECAY', 'SCHEDULE', 'MANUAL')),
    reason       TEXT         NOT NULL,
    status       VARCHAR(16)  NOT NULL DEFAULT 'PENDING',
    requested_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The audit of every trigger decision: why retraining was requested, or why not (debounced, disabled).
CREATE TABLE retraining_trigger_decisions (
    id           BIGSERIAL   PRIMARY KEY,
    decided_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    trigger_kind VARCHAR(16) NOT NULL,
    outcome      VARCHAR(16) NOT NULL CHECK (outcome IN ('REQUESTED', 'DEBOUNCED', 'DISABLED')),
    reason       TEXT        NOT NULL,
    request_id   BIGINT      REFERENCES retraining_requests (id)
);
CREATE INDEX retraining_trigger_decisions_requested ON retraining_trigger_decisions (decided_at) WHERE outcome = 'REQUESTED';
