-- The model registry: every trained version, its stage and what it was trained and evaluated on.
CREATE TABLE model_versions (
    id                  BIGSERIAL    PRIMARY KEY,
    model_name          VARCHAR(100) NOT NULL,
    version             VARCHAR(64)  NOT NULL,
    stage               VARCHAR(16)  NOT NULL CHECK (stage IN ('REGISTERED', 'CHALLENGER', 'CHAMPION', 'RETIRED')),
    feature_set_version VARCHAR(64)  NOT NULL,
    sha256              CHAR(64)     NOT NULL,
    synthetic           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (model_name, version)
);
-- At most one champion per model name.
CREATE UNIQUE INDEX model_versions_one_champion ON model_versions (model_name) WHERE stage = 'CHAMPION';
