-- Transactional outbox: every event ingestion publishes is first written here, in the same database transaction as
-- the state it announces (a stored transaction, with its verdict on the synchronous path). The relay publishes rows in
-- id order, waits for the broker's acknowledgements and then deletes them: nothing is published that is not stored,
-- and nothing stored is lost across a crash. Delivery is at least once; event_id is the envelope's eventId, so a
-- re-publication carries the same id and consumers drop it.
CREATE TABLE outbox (
    id          BIGSERIAL    PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(255) NOT NULL,
    -- the Kafka record key (customer pseudonym on transactions.validated)
    record_key  VARCHAR(255),
    -- the encoded EventEnvelope, exactly the bytes that go on the topic
    payload     BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
