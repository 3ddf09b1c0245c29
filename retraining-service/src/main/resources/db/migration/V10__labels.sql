-- Labels (ground truth) with their full history: every label ever received is a row; the current label of a
-- transaction is the latest by the time the truth became known (observed_at), ties broken by source precedence
-- (CHARGEBACK > REVIEW > ANALYST > IMPORT) and then by event id, so every replica and every replay agrees.
-- event_id is the labels.feedback envelope's id (or the API's Idempotency-Key / a fresh UUID): a redelivered event
-- inserts nothing, in the same statement as its effect.
CREATE TABLE labels (
    id             BIGSERIAL    PRIMARY KEY,
    event_id       VARCHAR(64)  NOT NULL UNIQUE,
    transaction_id VARCHAR(128) NOT NULL,
    label          VARCHAR(8)   NOT NULL CHECK (label IN ('FRAUD', 'LEGIT')),
    source         VARCHAR(16)  NOT NULL CHECK (source IN ('IMPORT', 'CHARGEBACK', 'ANALYST', 'REVIEW')),
    source_rank    SMALLINT     NOT NULL,
    observed_at    TIMESTAMPTZ  NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    channel        VARCHAR(8)   NOT NULL CHECK (channel IN ('KAFKA', 'API'))
);
CREATE INDEX labels_latest_first ON labels (transaction_id, observed_at DESC, source_rank DESC, event_id DESC);
