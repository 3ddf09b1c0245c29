-- Bulk file imports (POST /api/v1/imports): one row per uploaded file. Counts are updated in the database transaction
-- that stores each chunk of rows, so they always match what is committed. Reasons and rule ids only, never row content.
CREATE TABLE import_jobs (
    id                bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format            varchar(16)   NOT NULL,
    file_name         varchar(256),
    status            varchar(16)   NOT NULL
        CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    bytes_received    bigint        NOT NULL DEFAULT 0,
    rows_read         bigint        NOT NULL DEFAULT 0,
    accepted          bigint        NOT NULL DEFAULT 0,
    duplicates        bigint        NOT NULL DEFAULT 0,
    rejected          bigint        NOT NULL DEFAULT 0,
    malformed         bigint        NOT NULL DEFAULT 0,
    labels_published  bigint        NOT NULL DEFAULT 0,
    -- rule id -> rows it rejected; malformed reason ("amount: not a number") -> rows
    rejected_by_rule  jsonb         NOT NULL DEFAULT '{}',
    malformed_reasons jsonb         NOT NULL DEFAULT '{}',
    created_at        timestamptz   NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    error             varchar(512),
    -- SHA-256 of the file's content (after gzip decompression), known once it has been read to the end
    file_sha256       char(64),
    requested_by      varchar(128)
);

CREATE INDEX import_jobs_status ON import_jobs (status);
