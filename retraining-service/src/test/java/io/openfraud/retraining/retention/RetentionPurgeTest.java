package io.openfraud.retraining.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.retraining.ControllableClock;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purge on the module's real PostgreSQL, driven by the test's clock: what is past its period is deleted,
 * what is inside it stays, and a replica that does not get the purge lock deletes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class RetentionPurgeTest {

    private static final Period FIVE_YEARS = Period.ofYears(5);

    @Inject
    RetentionPurge purge;

    @Inject
    ControllableClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    RetentionConfig config;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Handler logHandler;

    @AfterEach
    void cleanUp() throws SQLException {
        clock.reset();
        if (logHandler != null) {
            java.util.logging.Logger.getLogger(RetentionPurge.class.getName()).removeHandler(logHandler);
        }
        update("DELETE FROM model_versions WHERE model_name = ?", "retention-test-" + run);
        update("DELETE FROM training_runs WHERE requested_by = 'retention-test'");
        update("DELETE FROM labels WHERE transaction_id LIKE ?", "%" + run);
        update("DELETE FROM scored_outcomes WHERE customer_pseudonym LIKE ?", "%" + run);
        update("DELETE FROM subject_training_exclusions WHERE subject_pseudonym LIKE ?", "%" + run);
    }

    @Test
    void rowsPastTheirRetentionAreDeletedAndRowsInsideItStayUntilTheClockPassesThem() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        Instant expired = before(now, FIVE_YEARS).minus(Duration.ofHours(1));
        Instant kept = before(now, FIVE_YEARS).plus(Duration.ofHours(1));

        long oldLabel = label("tx-old-" + run, expired);
        long newLabel = label("tx-new-" + run, kept);
        String oldSubject = "subject-old-" + run;
        String liveSubject = "subject-live-" + run;
        String recentSubject = "subject-recent-" + run;
        verdict("tx-old-" + run, oldSubject, expired);
        verdict("tx-new-" + run, liveSubject, kept);
        exclusion(oldSubject, "ERASE", expired);       // past, nothing of the subject left: deleted
        exclusion(liveSubject, "RESTRICT", expired);   // past, but a verdict of the subject is still kept: stays
        exclusion(recentSubject, "OBJECT", now.minus(Duration.ofDays(1)));
        long oldRun = trainingRun("SUCCEEDED", expired);
        long championRun = trainingRun("SUCCEEDED", expired);
        long newRun = trainingRun("FAILED", kept);
        champion(championRun);

        Map<String, Double> metricsBefore = purgedCounters();
        List<String> log = captureLog();
        Map<String, Long> deleted = purge.purgeExpired().orElseThrow();

        assertThat(exists("SELECT 1 FROM labels WHERE id = ?", oldLabel)).isFalse();
        assertThat(exists("SELECT 1 FROM labels WHERE id = ?", newLabel)).isTrue();
        assertThat(verdicts(oldSubject)).isZero();
        assertThat(verdicts(liveSubject)).isEqualTo(1);
        assertThat(exclusions(oldSubject)).isZero();
        assertThat(exclusions(liveSubject)).isEqualTo(1);
        assertThat(exclusions(recentSubject)).isEqualTo(1);
        assertThat(exists("SELECT 1 FROM training_runs WHERE id = ?", oldRun)).isFalse();
        assertThat(exists("SELECT 1 FROM training_runs WHERE id = ?", championRun)).as("the champion's run").isTrue();
        assertThat(exists("SELECT 1 FROM training_runs WHERE id = ?", newRun)).isTrue();

        assertThat(deleted).containsOnlyKeys(RetentionPurge.LABELS, RetentionPurge.VERDICTS,
                RetentionPurge.TRAINING_RUNS, RetentionPurge.EXCLUSIONS);
        assertThat(deleted.values()).allSatisfy(n -> assertThat(n).isPositive());
        Map<String, Double> metricsAfter = purgedCounters();
        deleted.forEach((table, n) -> assertThat(metricsAfter.get(table) - metricsBefore.get(table))
                .as("openfraud_retention_purged_total{store=%s}", table).isEqualTo(n.doubleValue()));
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("retention purge as of " + now));
        assertThat(String.join("\n", log)).doesNotContain(run);

        // two hours later the rows that were an hour inside their period are an hour past it
        clock.advance(Duration.ofHours(2));
        purge.purgeExpired().orElseThrow();

        assertThat(exists("SELECT 1 FROM labels WHERE id = ?", newLabel)).isFalse();
        assertThat(verdicts(liveSubject)).isZero();
        assertThat(exclusions(liveSubject)).as("no verdict of the subject left").isZero();
        assertThat(exclusions(recentSubject)).isEqualTo(1);
        assertThat(exists("SELECT 1 FROM training_runs WHERE id = ?", newRun)).isFalse();
        assertThat(exists("SELECT 1 FROM training_runs WHERE id = ?", championRun)).isTrue();
    }

    @Test
    void aReplicaThatDoesNotGetThePurgeLockDeletesNothing() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        long label = label("tx-locked-" + run, before(now, FIVE_YEARS).minus(Duration.ofDays(1)));
        double skipped = runs("skipped");

        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(true);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, RetentionPurge.NAMESPACE);
                lock.setInt(2, config.lockKey());
                lock.execute();
            }
            // another replica is purging: this one skips the round
            assertThat(purge.purgeExpired()).isEqualTo(Optional.empty());
            assertThat(exists("SELECT 1 FROM labels WHERE id = ?", label)).isTrue();
            assertThat(runs("skipped")).isEqualTo(skipped + 1);
            try (PreparedStatement unlock = otherReplica.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, RetentionPurge.NAMESPACE);
                unlock.setInt(2, config.lockKey());
                unlock.execute();
            }
        }
        // the lock is free again: the next round purges, and releases the lock for the next one
        assertThat(purge.purgeExpired()).hasValueSatisfying(counts ->
                assertThat(counts.get(RetentionPurge.LABELS)).isPositive());
        assertThat(exists("SELECT 1 FROM labels WHERE id = ?", label)).isFalse();
        assertThat(purge.purgeExpired()).isPresent();
    }

    @Test
    void theCutOffIsTheRetentionBeforeNowInCalendarTerms() {
        Instant now = Instant.parse("2028-02-29T12:00:00Z");
        assertThat(RetentionPurge.cutOff(now, Period.ofYears(5))).isEqualTo(Instant.parse("2023-02-28T12:00:00Z"));
        assertThat(RetentionPurge.cutOff(now, Period.ofDays(30))).isEqualTo(Instant.parse("2028-01-30T12:00:00Z"));
    }

    private static Instant before(Instant now, Period period) {
        return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }

    private Map<String, Double> purgedCounters() {
        return Map.of(RetentionPurge.LABELS, purged(RetentionPurge.LABELS),
                RetentionPurge.VERDICTS, purged(RetentionPurge.VERDICTS),
                RetentionPurge.TRAINING_RUNS, purged(RetentionPurge.TRAINING_RUNS),
                RetentionPurge.EXCLUSIONS, purged(RetentionPurge.EXCLUSIONS));
    }

    private double purged(String table) {
        Counter counter = registry.find("openfraud.retention.purged").tag("store", table).counter();
        return counter == null ? 0 : counter.count();
    }

    private double runs(String outcome) {
        Counter counter = registry.find("openfraud.retention.purge.runs").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> captureLog() {
        List<String> lines = new CopyOnWriteArrayList<>();
        logHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger(RetentionPurge.class.getName()).addHandler(logHandler);
        return lines;
    }

    private long label(String transactionId, Instant receivedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO labels (event_id, transaction_id, label, source, source_rank, observed_at, received_at,"
                        + " channel) VALUES (?, ?, 'FRAUD', 'IMPORT', 0, ?, ?, 'API') RETURNING id")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, transactionId);
            ps.setTimestamp(3, Timestamp.from(receivedAt));
            ps.setTimestamp(4, Timestamp.from(receivedAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void verdict(String transactionId, String subject, Instant scoredAt) throws SQLException {
        update("INSERT INTO scored_outcomes (transaction_id, model_version, customer_pseudonym, score, decision,"
                + " event_time, scored_at) VALUES (?, 'retention-test', ?, 0.5, 'REVIEW', ?, ?)",
                transactionId, subject, Timestamp.from(scoredAt), Timestamp.from(scoredAt));
    }

    private void exclusion(String subject, String kind, Instant since) throws SQLException {
        update("INSERT INTO subject_training_exclusions (subject_pseudonym, kind, request_id, since)"
                + " VALUES (?, ?, ?, ?)", subject, kind, "dsr-" + run, Timestamp.from(since));
    }

    private long trainingRun(String status, Instant finishedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO training_runs (status, training_trigger, window_start, window_end, requested_by,"
                        + " requested_at, finished_at) VALUES (?, 'MANUAL', ?, ?, 'retention-test', ?, ?)"
                        + " RETURNING id")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(finishedAt.minus(Duration.ofDays(30))));
            ps.setTimestamp(3, Timestamp.from(finishedAt.minus(Duration.ofDays(1))));
            ps.setTimestamp(4, Timestamp.from(finishedAt.minus(Duration.ofHours(1))));
            ps.setTimestamp(5, Timestamp.from(finishedAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void champion(long trainingRunId) throws SQLException {
        update("INSERT INTO model_versions (model_name, version, stage, feature_set_version, sha256, training_run_id)"
                + " VALUES (?, '1', 'CHAMPION', 'features-v1', repeat('0', 64), ?)", "retention-test-" + run,
                trainingRunId);
    }

    private int verdicts(String subject) throws SQLException {
        return count("SELECT count(*) FROM scored_outcomes WHERE customer_pseudonym = ?", subject);
    }

    private int exclusions(String subject) throws SQLException {
        return count("SELECT count(*) FROM subject_training_exclusions WHERE subject_pseudonym = ?", subject);
    }

    private boolean exists(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
