package io.openfraud.retraining.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The relay's side of the outbox table, in plain JDBC on a connection (and transaction) the relay holds. */
@ApplicationScoped
public class OutboxStore {

    private static final String LOCK_NEXT = "SELECT id, topic, record_key, payload FROM outbox ORDER BY id LIMIT ? "
            + "FOR UPDATE SKIP LOCKED";
    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY (?)";
    private static final String COUNT = "SELECT count(*) FROM outbox";

    /**
     * One row to publish.
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
     * Locks and reads up to {@code limit} rows in id order. Rows that another relay (another instance) holds are
     * skipped, so instances share the work without waiting for each other.
     */
    List<PendingEvent> lockNext(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_NEXT)) {
            select.setInt(1, limit);
            List<PendingEvent> rows = new ArrayList<>(limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                }
            }
            return rows;
        }
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

    /** Rows waiting to be published, by every instance. */
    public long pending() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT);
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
