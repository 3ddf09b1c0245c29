-- Drift monitoring. A reference profile (the training set's distributions) is stored as JSON; one is active.
CREATE TABLE drift_references (
    id                  BIGSERIAL    PRIMARY KEY,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    feature_set_version VARCHAR(64)  NOT NULL,
    model_version       VARCHAR(128),
    source              VARCHAR(200) NOT NULL,
    rows_count          BIGINT       NOT NULL,
    active              BOOLEAN      NOT NULL DEFAULT FALSE,
    profile             JSONB        NOT NULL
);
CREATE UNIQUE INDEX drift_references_one_active ON drift_references (active) WHERE active;

-- Production histograms over the active reference's bins, per event-time bucket and replica. Each replica merges its
-- in-memory counts into its own rows every flush (no two writers per row); a report merges all rows of its window,
-- whatever the replica. Counts add, so buckets and replicas merge exactly.
CREATE TABLE drift_buckets (
    reference_id BIGINT      NOT NULL REFERENCES drift_references (id) ON DELETE CASCADE,
    bucket_start TIMESTAMPTZ NOT NULL,
    replica      VARCHAR(64) NOT NULL,
    vectors      BIGINT      NOT NULL,
    scores       BIGINT      NOT NULL,
    histograms   JSONB       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (reference_id, bucket_start, replica)
);

-- Every monitoring report (drift and performance), newest last.
CREATE TABLE drift_reports (
    id             BIGSERIAL   PRIMARY KEY,
    generated_at   TIMESTAMPTZ NOT NULL,
    reference_id   BIGINT,
    dataset_drift  BOOLEAN     NOT NULL,
    report         JSONB       NOT NULL
);
