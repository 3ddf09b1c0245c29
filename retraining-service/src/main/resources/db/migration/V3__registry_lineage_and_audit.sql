-- Registry (issue #6): lineage of every version, its artifact, the aliases and the audit trail.

-- Versions are numbered by one sequence (1, 2, 3, ...): numbers are never reused, even after a failed registration.
CREATE SEQUENCE model_version_numbers;

ALTER TABLE model_versions
    -- what the version was trained and evaluated on
    ADD COLUMN data_window_start  TIMESTAMPTZ,
    ADD COLUMN data_window_end    TIMESTAMPTZ,
    ADD COLUMN test_window_start  TIMESTAMPTZ,
    ADD COLUMN test_window_end    TIMESTAMPTZ,
    ADD COLUMN row_count          BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN label_count        BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN fraud_label_count  BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN hyperparameters    JSONB         NOT NULL DEFAULT '{}',
    ADD COLUMN metrics            JSONB         NOT NULL DEFAULT '{}',
    -- metrics of the champion of the time on the same test window (what the gate compared)
    ADD COLUMN parent_metrics     JSONB         NOT NULL DEFAULT '{}',
    -- the champion when it was trained
    ADD COLUMN parent_version     VARCHAR(64),
    -- the champion it replaced when it became champion: where a rollback returns
    ADD COLUMN replaced_version   VARCHAR(64),
    ADD COLUMN training_trigger   VARCHAR(16)   NOT NULL DEFAULT 'MANUAL'
        CHECK (training_trigger IN ('MANUAL', 'SCHEDULE', 'DRIFT')),
    ADD COLUMN training_run_id    BIGINT,
    ADD COLUMN created_by         VARCHAR(255)  NOT NULL DEFAULT 'unknown',
    -- where the bytes are: 'postgres' (table model_artifacts) or 's3' (artifact_location is the object key)
    ADD COLUMN artifact_store     VARCHAR(16)   NOT NULL DEFAULT 'postgres'
        CHECK (artifact_store IN ('postgres', 's3')),
    ADD COLUMN artifact_location  VARCHAR(1024),
    ADD COLUMN artifact_size      BIGINT        NOT NULL DEFAULT 0;

-- Aliases: at most one champion (V2) and at most one challenger per model name.
CREATE UNIQUE INDEX model_versions_one_challenger ON model_versions (model_name) WHERE stage = 'CHALLENGER';

-- Artifacts kept in PostgreSQL (the default store). Separate from model_versions so listing never reads the bytes.
CREATE TABLE model_artifacts (
    model_version_id  BIGINT       PRIMARY KEY REFERENCES model_versions (id) ON DELETE CASCADE,
    sha256            CHAR(64)     NOT NULL,
    size_bytes        BIGINT       NOT NULL,
    content           BYTEA        NOT NULL
);

-- Every change of an alias: gate decisions, manual promotions and rollbacks; who (the JWT principal, or the
-- scheduler), when, from which version to which, and why. Append-only.
CREATE TABLE registry_audit (
    id            BIGSERIAL     PRIMARY KEY,
    model_name    VARCHAR(100)  NOT NULL,
    action        VARCHAR(32)   NOT NULL
        CHECK (action IN ('FIRST_CHAMPION', 'GATE_PROMOTED', 'GATE_HELD', 'MANUAL_PROMOTION', 'ROLLBACK')),
    from_version  VARCHAR(64),
    to_version    VARCHAR(64)   NOT NULL,
    principal     VARCHAR(255)  NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    at            TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX registry_audit_by_model ON registry_audit (model_name, id DESC);
