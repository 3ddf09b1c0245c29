-- Idempotent consumers: an event's effect and its id are committed in the same transaction, so a redelivered
-- event is recognised and skipped (the outbox/message-log pattern).
CREATE TABLE processed_events (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
