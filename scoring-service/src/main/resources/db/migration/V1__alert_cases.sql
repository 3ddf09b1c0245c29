-- The analyst queue: one case per transaction that scoring decided REVIEW (REST or transactions.enriched). The unique
-- transaction id makes opening idempotent: a redelivered record, or the SYNC copy of a transaction the REST path
-- already decided, finds its case and opens no second one. A case is resolved once (FRAUD or LEGIT), by whom and when;
-- the resolution becomes a label on labels.feedback. Reasons are the verdict's reason codes (JSON array).
CREATE TABLE alert_cases (
    id                  UUID             PRIMARY KEY,
    transaction_id      VARCHAR(128)     NOT NULL UNIQUE,
    customer_pseudonym  VARCHAR(128)     NOT NULL,
    score               DOUBLE PRECISION NOT NULL,
    decision            VARCHAR(16)      NOT NULL,
    reasons             TEXT             NOT NULL,
    model_version       VARCHAR(128)     NOT NULL,
    scorer              VARCHAR(16)      NOT NULL,
    status              VARCHAR(16)      NOT NULL,
    created_at          TIMESTAMPTZ      NOT NULL,
    outcome             VARCHAR(16),
    note                TEXT,
    resolved_by         VARCHAR(256),
    resolved_at         TIMESTAMPTZ,
    CONSTRAINT alert_cases_status CHECK (status IN ('OPEN', 'RESOLVED')),
    CONSTRAINT alert_cases_resolution CHECK ((status = 'OPEN') = (resolved_at IS NULL))
);

-- The queue is read oldest first per status; a subject's cases are found by pseudonym (access and erasure).
CREATE INDEX alert_cases_status_created ON alert_cases (status, created_at, id);
CREATE INDEX alert_cases_customer ON alert_cases (customer_pseudonym);
