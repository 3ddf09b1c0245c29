-- Records that failed a REJECT data-quality rule on a path without a caller to answer (batch items, file rows,
-- transactions.raw): masked as on transactions.rejected, listed and replayed after a rule fix.
CREATE TABLE quarantine (
    id                bigserial     PRIMARY KEY,
    received_at       timestamptz   NOT NULL,
    channel           varchar(8)    NOT NULL,
    source_ref        varchar(256),
    transaction_id    varchar(128),
    rule_set_version  varchar(32)   NOT NULL,
    rule_ids          varchar(64)[] NOT NULL,
    violations        jsonb         NOT NULL,
    masked_record     jsonb         NOT NULL,
    status            varchar(12)   NOT NULL DEFAULT 'QUARANTINED',
    resolved_at       timestamptz,
    resolution        varchar(256)
);

CREATE INDEX quarantine_status ON quarantine (status, id);
CREATE INDEX quarantine_rules ON quarantine USING gin (rule_ids);

-- Severities set at run time by an administrator (PUT /api/v1/quality/rules/{id}): over the defaults and the
-- configuration, shared by every instance (each re-reads them every few seconds).
CREATE TABLE quality_rule_settings (
    rule_id     varchar(64)  PRIMARY KEY,
    severity    varchar(8)   NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(256) NOT NULL
);
