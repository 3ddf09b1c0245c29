-- Transactional outbox (as in ingestion-service): models.lifecycle events are written here in the same transaction as
-- the registry change they announce, so a promotion is never committed without its event nor published without being
-- committed. The relay publishes rows in id order, waits for the broker's acknowledgements, then deletes them.
-- Delivery is at least once; event_id is the envelope's eventId, so a re-publication carries the same id.
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(255),
    payload     BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
