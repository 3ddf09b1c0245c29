-- Training runs: one at a time per deployment. The run that trains holds a PostgreSQL session advisory lock for its
-- whole duration (released by the server if the replica dies); the partial unique index below is the second guard.
CREATE TABLE training_runs (
    id                BIGSERIAL     PRIMARY KEY,
    status            VARCHAR(16)   NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    training_trigger  VARCHAR(16)   NOT NULL CHECK (training_trigger IN ('MANUAL', 'SCHEDULE', 'DRIFT')),
    window_start      TIMESTAMPTZ   NOT NULL,
    window_end        TIMESTAMPTZ   NOT NULL,
    synthetic         BOOLEAN       NOT NULL DEFAULT FALSE,
    hyperparameters   JSONB         NOT NULL DEFAULT '{}',
    requested_by      VARCHAR(255)  NOT NULL,
    requested_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    progress          DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
    phase             VARCHAR(200),
    -- the trainer's report (metrics, champion metrics on the same test window, counts, ...)
    report            JSONB,
    model_version     VARCHAR(64),
    gate_decision     VARCHAR(16)   CHECK (gate_decision IN ('CHAMPION', 'CHALLENGER')),
    gate_reason       VARCHAR(2000),
    error             VARCHAR(2000),
    -- scheduled runs: the cron fire time, so replicas firing the same slot start it once
    schedule_slot     TIMESTAMPTZ   UNIQUE,
    CHECK (window_start < window_end)
);
-- At most one run queued or running, whatever the replicas.
CREATE UNIQUE INDEX training_runs_one_active ON training_runs ((TRUE)) WHERE status IN ('QUEUED', 'RUNNING');
