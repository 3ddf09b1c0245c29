package io.openfraud.ingestion.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The relay's side of the outbox table, in plain JDBC on a connection (and transaction) the relay holds. */
@ApplicationScoped
public class OutboxStore {

    /** A batch row's payload (megabytes) is read only once the round knows it takes it. */
    private static final String LOCK_NEXT = "SELECT id, topic, record_key, CASE WHEN records IS NULL THEN payload END, "
            + "records FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String READ_BATCHES = "SELECT id, payload FROM outbox WHERE id = ANY (?)";
    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY (?)";
    private static final String COUNT = "SELECT coalesce(sum(coalesce(records, 1)), 0) FROM outbox";

    /**
     * One event to publish (a batch row gives several, with the same row id).
     *
     * @param id      the row id (publication order)
     * @param topic   topic name
     * @param key     record key, may be null
     * @param payload the encoded envelope
     */
    public record PendingEvent(long id, String topic, String key, byte[] payload)
            implements io.openfraud.messaging.outbox.OutboxProducer.Pending {
    }

    private final AgroalDataSource dataSource;

    OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A connection in manual-commit mode for one round; the caller commits or rolls back and closes it. */
    Connection begin() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * What a round took.
     *
     * @param events the events to publish, in order (a batch row expanded)
     * @param rows   how many events each taken row holds, by row id
     * @param more   whether rows were left (the round was full): the relay goes on without waiting
     */
    record Round(List<PendingEvent> events, Map<Long, Integer> rows, boolean more) {
    }

    /**
     * Locks up to {@code limit} rows in id order and reads the first ones holding up to {@code limit} events (at
     * least one row, whatever its size). Rows that another relay (another instance) holds are skipped, so instances
     * share the work without waiting for each other; rows locked and not taken are left for the next round.
     */
    Round lockNext(Connection connection, int limit) throws SQLException {
        List<PendingEvent> events = new ArrayList<>(limit);
        Map<Long, Integer> taken = new LinkedHashMap<>();
        List<Long> batches = new ArrayList<>();
        int locked = 0;
        int budget = 0;
        boolean full = false;
        try (PreparedStatement select = connection.prepareStatement(LOCK_NEXT)) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    locked++;
                    int records = rs.getObject(5) == null ? 1 : rs.getInt(5);
                    // in id order: once a row does not fit, no later row is taken (publication order is id order)
                    full |= !taken.isEmpty() && budget + records > limit;
                    if (full) {
                        continue;
                    }
                    budget += records;
                    long id = rs.getLong(1);
                    taken.put(id, records);
                    if (rs.getObject(5) == null) {
                        events.add(new PendingEvent(id, rs.getString(2), rs.getString(3), rs.getBytes(4)));
                    } else {
                        batches.add(id);
                        events.add(null); // a placeholder, expanded below in the same place
                    }
                }
            }
        }
        if (!batches.isEmpty()) {
            events = expandBatches(connection, events, taken, batches);
        }
        return new Round(events, taken, locked == limit || taken.size() < locked);
    }

    private static List<PendingEvent> expandBatches(Connection connection, List<PendingEvent> events,
            Map<Long, Integer> taken, List<Long> batches) throws SQLException {
        Map<Long, byte[]> payloads = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(READ_BATCHES)) {
            // Megabytes of bytea: in binary, not hex text (which doubles what travels and is decoded).
            select.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            Array ids = connection.createArrayOf("bigint", batches.toArray());
            select.setArray(1, ids);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    payloads.put(rs.getLong(1), rs.getBytes(2));
                }
            }
            ids.free();
        }
        List<PendingEvent> expanded = new ArrayList<>();
        int batch = 0;
        for (PendingEvent event : events) {
            if (event != null) {
                expanded.add(event);
                continue;
            }
            long id = batches.get(batch++);
            expanded.addAll(expand(id, payloads.get(id), taken.get(id)));
        }
        return expanded;
    }

    /** The events framed in a batch row's payload (see {@link Outbox.Batch}). */
    static List<PendingEvent> expand(long id, byte[] payload, int records) {
        List<PendingEvent> events = new ArrayList<>(records);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            for (int i = 0; i < records; i++) {
                String topic = in.readUTF();
                String key = in.readBoolean() ? in.readUTF() : null;
                byte[] envelope = new byte[in.readInt()];
                in.readFully(envelope);
                events.add(new PendingEvent(id, topic, key, envelope));
            }
            if (in.available() > 0) {
                throw new IllegalStateException("outbox row " + id + " holds more than its " + records + " events");
            }
        } catch (IOException e) {
            throw new IllegalStateException("outbox row " + id + " is not a readable batch", e);
        }
        return events;
    }

    /** Deletes the published rows, in one statement. */
    void delete(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
            array.free();
        }
    }

    /** Events waiting to be published, by every instance (a batch row counts its events). */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT);
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
