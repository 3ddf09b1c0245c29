-- An outbox row may carry many events (an import's chunk: every transactions.validated event and label of thousands of
-- rows), framed one after the other in payload; records is their number (NULL: one event, the row's own topic, key and
-- event_id). The relay publishes each framed event as its own Kafka record, in order, and deletes the row once all are
-- acknowledged. event_id of a batch row identifies the batch; each framed envelope carries its own event id.
ALTER TABLE outbox ADD COLUMN records INTEGER CHECK (records > 0);
-- Batch payloads are megabytes of JSON written once and deleted seconds later: stored out of line without compression,
-- which costs more CPU than it saves I/O here.
ALTER TABLE outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
