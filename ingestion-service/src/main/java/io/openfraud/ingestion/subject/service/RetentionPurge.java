package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes transactions kept after an erasure once their retention is over ({@code delete_after} passed), with their
 * reviews, in batches; on one thread of its own, at start-up and every {@code openfraud.retention.purge-interval}.
 * Several instances may run it at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final String PURGE = """
            WITH doomed AS (
                SELECT transaction_id FROM transactions WHERE delete_after < now()
                ORDER BY delete_after LIMIT ? FOR UPDATE SKIP LOCKED),
            gone AS (
                DELETE FROM transactions t USING doomed d WHERE t.transaction_id = d.transaction_id
                RETURNING t.transaction_id),
            reviews AS (
                DELETE FROM transaction_reviews r USING gone g WHERE r.transaction_id = g.transaction_id)
            SELECT count(*) FROM gone""";

    private final AgroalDataSource dataSource;
    private final RetentionConfig config;
    private final Counter purged;
    private ScheduledExecutorService executor;

    RetentionPurge(AgroalDataSource dataSource, RetentionConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.purged = Counter.builder("openfraud.retention.purged")
                .description("transactions deleted after their retention ended").register(registry);
    }

    void start(@Observes StartupEvent started) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention-purge");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.purgeInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Deletes every transaction past its retention; returns how many. */
    public long purgeExpired() {
        long total = 0;
        long batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::purgeBatch);
            total += batch;
        } while (batch == config.purgeBatchSize() && !Thread.currentThread().isInterrupted());
        purged.increment(total);
        return total;
    }

    private long purgeBatch() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement purge = connection.prepareStatement(PURGE)) {
            purge.setInt(1, config.purgeBatchSize());
            try (ResultSet count = purge.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private void runSafely() {
        try {
            long deleted = purgeExpired();
            if (deleted > 0) {
                LOG.infof("retention purge deleted %d transactions past their retention", deleted);
            }
        } catch (RuntimeException e) {
            // the next round retries; a failure must not end the schedule
            LOG.warnf("retention purge failed: %s", e.getClass().getSimpleName());
        }
    }
}
