package io.openfraud.retraining.training.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.retraining.training.config.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One training at a time per deployment: a PostgreSQL session-level advisory lock, taken with
 * {@code pg_try_advisory_lock} on a connection that the run keeps for its whole duration. Every replica shares the
 * database, so only one can hold it; if the replica dies, the server ends its session and the lock is free again (no
 * lease to tune, no stale lock row). Needs a session-pooling path to PostgreSQL (not PgBouncer in transaction mode).
 */
@ApplicationScoped
public class TrainingLock {

    private static final Logger LOG = Logger.getLogger(TrainingLock.class);
    /** Namespace of the platform's advisory locks (first key of the two-int form). */
    static final int NAMESPACE = 7001;

    private final AgroalDataSource dataSource;
    private final int key;

    TrainingLock(AgroalDataSource dataSource, TrainingConfig config) {
        this.dataSource = dataSource;
        this.key = config.lockKey();
    }

    /** The lock if no one holds it, else empty. Must not be called inside a transaction. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, NAMESPACE);
                lock.setInt(2, key);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new Held(connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot reach PostgreSQL for the training lock", e);
        }
    }

    /** The held lock; {@link #close()} releases it. */
    public final class Held implements AutoCloseable {

        private final Connection connection;
        private boolean released;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            } catch (SQLException e) {
                // the session is likely gone, and its lock with it
                LOG.warnf("releasing the training lock: %s", e.toString());
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the training lock's connection: %s", e.toString());
            }
        }
    }
}
