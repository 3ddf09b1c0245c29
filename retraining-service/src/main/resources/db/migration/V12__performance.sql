-- Verdicts joined later with labels to measure each model version once its labels have matured. Keyed by
-- transaction and model version, so a redelivered verdict stores nothing. The customer pseudonym links the rows
-- (and so the labels) to a data subject for the subject-data interface.
CREATE TABLE scored_outcomes (
    transaction_id     VARCHAR(128)     NOT NULL,
    model_version      VARCHAR(128)     NOT NULL,
    customer_pseudonym VARCHAR(128)     NOT NULL,
    score              DOUBLE PRECISION NOT NULL,
    decision           VARCHAR(8)       NOT NULL,
    event_time         TIMESTAMPTZ      NOT NULL,
    scored_at          TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (transaction_id, model_version)
);
CREATE INDEX scored_outcomes_by_version ON scored_outcomes (model_version, scored_at);
CREATE INDEX scored_outcomes_by_subject ON scored_outcomes (customer_pseudonym);

-- Each version's test metrics as registered, which rolling production metrics are compared with. Until the registry
-- provides them (issue #6, registry), set through PUT /api/v1/drift/baselines/{version}.
CREATE TABLE model_baselines (
    model_version VARCHAR(128)     PRIMARY KEY,
    threshold     DOUBLE PRECISION NOT NULL,
    pr_auc        DOUBLE PRECISION NOT NULL,
    precision_at  DOUBLE PRECISION,
    recall_at     DOUBLE PRECISION,
    updated_at    TIMESTAMPTZ      NOT NULL DEFAULT now()
);
