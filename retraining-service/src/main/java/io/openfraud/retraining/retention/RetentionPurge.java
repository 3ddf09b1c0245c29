package io.openfraud.retraining.retention;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The retention purge: deletes what retraining keeps per transaction or subject once its period
 * ({@link RetentionConfig}) has passed: labels (every history row) by the time they were received, verdicts by their
 * scoring time, finished training runs by their end (not the run of the current champion or challenger), then training
 * exclusions by the command that recorded them once no verdict of the subject is left. Time comes from the
 * {@link Clock} bean. In batches of {@code purge-batch-size}, one transaction each.
 *
 * <p>Runs once cluster-wide: a round takes the session-level advisory lock {@code (7001, lock-key)} with
 * {@code pg_try_advisory_lock} and a replica that does not get it skips the round (the holder is purging; if it dies,
 * the server releases its lock). Counts go to {@code openfraud_retention_purged_total{store}} and one log line per round;
 * never an id, a pseudonym or a label.
 */
@ApplicationScoped
public class RetentionPurge {

    /** Namespace of the platform's advisory locks (first key of the two-int form), as the training lock's. */
    static final int NAMESPACE = 7001;
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    static final String LABELS = "labels";
    static final String VERDICTS = "scored_outcomes";
    static final String TRAINING_RUNS = "training_runs";
    static final String EXCLUSIONS = "subject_training_exclusions";

    private static final String DELETE_LABELS = """
            DELETE FROM labels WHERE id IN (
                SELECT id FROM labels WHERE received_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String DELETE_VERDICTS = """
            DELETE FROM scored_outcomes WHERE (transaction_id, model_version) IN (
                SELECT transaction_id, model_version FROM scored_outcomes WHERE scored_at < ? LIMIT ?
                FOR UPDATE SKIP LOCKED)""";
    private static final String DELETE_TRAINING_RUNS = """
            DELETE FROM training_runs WHERE id IN (
                SELECT r.id FROM training_runs r
                WHERE r.status IN ('SUCCEEDED', 'FAILED') AND COALESCE(r.finished_at, r.requested_at) < ?
                  AND NOT EXISTS (SELECT 1 FROM model_versions v
                                  WHERE v.training_run_id = r.id AND v.stage IN ('CHAMPION', 'CHALLENGER'))
                LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String DELETE_EXCLUSIONS = """
            DELETE FROM subject_training_exclusions WHERE (subject_pseudonym, kind) IN (
                SELECT e.subject_pseudonym, e.kind FROM subject_training_exclusions e
                WHERE e.since < ?
                  AND NOT EXISTS (SELECT 1 FROM scored_outcomes o WHERE o.customer_pseudonym = e.subject_pseudonym)
                LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    RetentionPurge(AgroalDataSource dataSource, RetentionConfig config, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(identity = "retention-purge", every = "${openfraud.retention.purge-interval:1h}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purgeExpired();
        } catch (RuntimeException e) {
            // the next round retries; no message: it could quote a value
            LOG.warnf("retention purge failed: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * One purge round as of the clock's now. Empty when another replica holds the purge lock (it is purging);
     * otherwise the rows deleted per table.
     */
    public Optional<Map<String, Long>> purgeExpired() {
        Instant now = clock.instant();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                LOG.debug("retention purge skipped: another replica holds the lock");
                runs("skipped").increment();
                return Optional.empty();
            }
            try {
                connection.setAutoCommit(false);
                drain(connection, DELETE_LABELS, cutOff(now, config.labels()), LABELS, counts);
                drain(connection, DELETE_VERDICTS, cutOff(now, config.verdicts()), VERDICTS, counts);
                drain(connection, DELETE_TRAINING_RUNS, cutOff(now, config.trainingRuns()), TRAINING_RUNS, counts);
                drain(connection, DELETE_EXCLUSIONS, cutOff(now, config.exclusions()), EXCLUSIONS, counts);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                unlock(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge failed (SQL state " + e.getSQLState() + ")", null);
        }
        counts.forEach((table, n) -> Counter.builder("openfraud.retention.purged")
                .description("rows deleted by the retention purge").tag("store", table).register(registry)
                .increment(n));
        runs("purged").increment();
        LOG.infof("retention purge as of %s: deleted %s", now, counts);
        return Optional.of(counts);
    }

    /** {@code retention} before {@code now}, in calendar terms (UTC). */
    static Instant cutOff(Instant now, Period retention) {
        return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
    }

    private Counter runs(String outcome) {
        return Counter.builder("openfraud.retention.purge.runs").description("retention purge rounds by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private void drain(Connection connection, String sql, Instant before, String table, Map<String, Long> counts)
            throws SQLException {
        int batch = config.purgeBatchSize();
        long total = 0;
        int deleted;
        do {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setTimestamp(1, Timestamp.from(before));
                delete.setInt(2, batch);
                deleted = delete.executeUpdate();
            }
            connection.commit();
            total += deleted;
        } while (deleted == batch && !Thread.currentThread().isInterrupted());
        counts.put(table, total);
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, NAMESPACE);
            lock.setInt(2, config.lockKey());
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, NAMESPACE);
            unlock.setInt(2, config.lockKey());
            unlock.execute();
        }
    }
}
