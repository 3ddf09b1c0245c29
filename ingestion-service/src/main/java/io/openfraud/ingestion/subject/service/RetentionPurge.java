package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The retention purge: deletes every transaction whose {@code delete_after} has passed (set on every row when it is
 * written: event time + {@code openfraud.retention.years}) and everything derived from it: its reviews, its
 * quarantined records, and, once a subject has no transaction left, their vault rows (data key, personal data) and
 * processing limits. Also expires quarantined records and data-quality examples after
 * {@code openfraud.retention.quarantine-period}, and outbox rows older than the retention (leftovers that could not be
 * published). In bounded batches of {@code purge-batch-size}, one database transaction each.
 *
 * <p>Scheduled by quarkus-scheduler every {@code openfraud.retention.purge-interval}. With several replicas only one
 * purges at a time: a round starts by taking a session-level PostgreSQL advisory lock ({@code pg_try_advisory_lock})
 * and an instance that does not get it skips the round. Counts go to {@code openfraud_retention_purged_total{store}}
 * and one log line per round; never an id or a pseudonym.
 */
@ApplicationScoped
public class RetentionPurge {

    /** Advisory-lock key of the purge (any constant unique in this database): "OFRETAIN" as a number. */
    static final long LOCK_KEY = 0x4f46_5245_5441_494eL;
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private static final String TRANSACTIONS = """
            WITH doomed AS (
                SELECT transaction_id FROM transactions WHERE delete_after < now()
                ORDER BY delete_after LIMIT ? FOR UPDATE SKIP LOCKED),
            gone AS (
                DELETE FROM transactions t USING doomed d WHERE t.transaction_id = d.transaction_id
                RETURNING t.transaction_id, t.customer_pseudonym),
            reviews AS (
                DELETE FROM transaction_reviews r USING gone g WHERE r.transaction_id = g.transaction_id RETURNING 1),
            quarantined AS (
                DELETE FROM quarantine q USING gone g WHERE q.transaction_id = g.transaction_id RETURNING 1)
            SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM reviews), (SELECT count(*) FROM quarantined),
                   ARRAY(SELECT DISTINCT customer_pseudonym FROM gone)""";

    /** Subjects of the batch with no transaction left: nothing justifies their personal data any more. */
    private static final String SUBJECTS = """
            WITH orphan AS (
                SELECT s FROM unnest(?::varchar[]) s
                WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_pseudonym = s)),
            people AS (
                DELETE FROM subject_personal_data p USING orphan o WHERE p.subject_pseudonym = o.s RETURNING 1),
            limits AS (
                DELETE FROM subject_processing_limits l USING orphan o WHERE l.subject_pseudonym = o.s RETURNING 1)
            SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM limits)""";

    /** Keys after their personal data (foreign key), in the same transaction. */
    private static final String KEYS = """
            DELETE FROM subject_keys k WHERE k.subject_pseudonym = ANY (?::varchar[])
              AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_pseudonym = k.subject_pseudonym)
              AND NOT EXISTS (SELECT 1 FROM subject_personal_data p WHERE p.subject_pseudonym = k.subject_pseudonym)""";

    private static final String QUARANTINE = """
            DELETE FROM quarantine WHERE id IN (
                SELECT id FROM quarantine WHERE received_at < now() - ?::interval LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String QUALITY_EXAMPLES = """
            DELETE FROM quality_examples WHERE id IN (
                SELECT id FROM quality_examples WHERE minute < now() - ?::interval LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String OUTBOX = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox WHERE created_at < now() - make_interval(years => ?) LIMIT ?
                FOR UPDATE SKIP LOCKED)""";

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final MeterRegistry registry;

    RetentionPurge(AgroalDataSource dataSource, RetentionConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(identity = "retention-purge", every = "${openfraud.retention.purge-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            // the next round retries; no message: it could quote a value
            LOG.warnf("retention purge failed: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * One purge round: everything past its retention, in batches. Empty when another instance holds the purge lock
     * (that instance is purging); otherwise the rows deleted per store.
     */
    public Optional<Map<String, Long>> purgeExpired() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String store : new String[] {"transactions", "transaction_reviews", "quarantine", "subject_personal_data",
            "subject_keys", "subject_processing_limits", "quality_examples", "outbox"}) {
            counts.put(store, 0L);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                LOG.debug("retention purge skipped: another instance holds the lock");
                return Optional.empty();
            }
            try {
                connection.setAutoCommit(false);
                long batch;
                do {
                    batch = transactionsBatch(connection, counts);
                } while (batch == config.purgeBatchSize() && !Thread.currentThread().isInterrupted());
                String quarantinePeriod = config.quarantinePeriod().getSeconds() + " seconds";
                drain(connection, QUARANTINE, quarantinePeriod, "quarantine", counts);
                drain(connection, QUALITY_EXAMPLES, quarantinePeriod, "quality_examples", counts);
                drain(connection, OUTBOX, config.years(), "outbox", counts);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                unlock(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge failed (SQL state " + e.getSQLState() + ")", null);
        }
        counts.forEach((store, n) -> Counter.builder("openfraud.retention.purged")
                .description("rows deleted by the retention purge").tag("store", store).register(registry)
                .increment(n));
        LOG.infof("retention purge: deleted %s", counts);
        return Optional.of(counts);
    }

    private long transactionsBatch(Connection connection, Map<String, Long> counts) throws SQLException {
        long transactions;
        Array subjects;
        try (PreparedStatement purge = connection.prepareStatement(TRANSACTIONS)) {
            purge.setInt(1, config.purgeBatchSize());
            try (ResultSet row = purge.executeQuery()) {
                row.next();
                transactions = row.getLong(1);
                add(counts, "transactions", transactions);
                add(counts, "transaction_reviews", row.getLong(2));
                add(counts, "quarantine", row.getLong(3));
                subjects = row.getArray(4);
            }
        }
        try (PreparedStatement people = connection.prepareStatement(SUBJECTS)) {
            people.setArray(1, subjects);
            try (ResultSet row = people.executeQuery()) {
                row.next();
                add(counts, "subject_personal_data", row.getLong(1));
                add(counts, "subject_processing_limits", row.getLong(2));
            }
        }
        try (PreparedStatement keys = connection.prepareStatement(KEYS)) {
            keys.setArray(1, subjects);
            add(counts, "subject_keys", keys.executeUpdate());
        }
        connection.commit();
        return transactions;
    }

    private void drain(Connection connection, String sql, Object age, String store, Map<String, Long> counts)
            throws SQLException {
        int deleted;
        do {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setObject(1, age);
                delete.setInt(2, config.purgeBatchSize());
                deleted = delete.executeUpdate();
            }
            connection.commit();
            add(counts, store, deleted);
        } while (deleted == config.purgeBatchSize() && !Thread.currentThread().isInterrupted());
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }

    private static void add(Map<String, Long> counts, String store, long n) {
        counts.merge(store, n, Long::sum);
    }
}
