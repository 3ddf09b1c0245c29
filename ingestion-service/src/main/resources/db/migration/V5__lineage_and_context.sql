-- Lineage of every stored row: where it came from, which schema and rule set admitted it, which masking key made its
-- tokens and pseudonyms (keys rotate); and the minimised context of a version 2 transaction, as published.
ALTER TABLE transactions
    ADD COLUMN source_kind       VARCHAR(8)   NOT NULL DEFAULT 'API',
    ADD COLUMN source_ref        VARCHAR(256),
    ADD COLUMN schema_version    SMALLINT     NOT NULL DEFAULT 1,
    ADD COLUMN rule_set_version  VARCHAR(32),
    ADD COLUMN key_id            VARCHAR(32),
    ADD COLUMN warnings          TEXT,
    ADD COLUMN context           JSONB;

CREATE INDEX transactions_received ON transactions (received_at);
CREATE INDEX transactions_source ON transactions (source_kind, source_ref);
