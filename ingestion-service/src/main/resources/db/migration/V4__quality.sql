-- Data-quality statistics for GET /api/v1/quality/report: per minute, how many records were checked ('*'), rejected
-- ('!REJECTED') and failed each rule (its id); and a few masked examples of failures per rule and minute.
CREATE TABLE quality_minutes (
    minute  timestamptz  NOT NULL,
    rule_id varchar(64)  NOT NULL,
    records bigint       NOT NULL,
    PRIMARY KEY (minute, rule_id)
);

CREATE TABLE quality_examples (
    id            bigserial     PRIMARY KEY,
    minute        timestamptz   NOT NULL,
    rule_id       varchar(64)   NOT NULL,
    field         varchar(256),
    message       varchar(512),
    masked_record jsonb         NOT NULL
);

CREATE INDEX quality_examples_rule_minute ON quality_examples (rule_id, minute);
