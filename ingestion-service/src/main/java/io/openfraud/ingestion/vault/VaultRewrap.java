package io.openfraud.ingestion.vault;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Master-key rotation, the re-wrap job: every {@code openfraud.vault.rewrap-interval}, re-wraps the data keys still
 * wrapped under a retired master key with the one in force, in batches of {@code rewrap-batch-size} (one transaction
 * each, rows claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work). Until it has run, reads unwrap
 * with the retired key, so nothing is unreadable at any point. Counts only in logs and
 * {@code openfraud_vault_rewrapped_total}.
 */
@ApplicationScoped
public class VaultRewrap {

    private static final Logger LOG = Logger.getLogger(VaultRewrap.class);

    private final AgroalDataSource dataSource;
    private final PersonalDataVault vault;
    private final VaultConfig config;
    private final Counter rewrapped;

    VaultRewrap(AgroalDataSource dataSource, PersonalDataVault vault, VaultConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.config = config;
        this.rewrapped = Counter.builder("openfraud.vault.rewrapped")
                .description("data keys re-wrapped under the master key in force").register(registry);
    }

    @Scheduled(identity = "vault-rewrap", every = "${openfraud.vault.rewrap-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.retiredMasterKeys().isEmpty()) {
            return;
        }
        try {
            rewrapAll();
        } catch (RuntimeException e) {
            LOG.warnf("vault re-wrap failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Re-wraps every data key wrapped under a retired master key; returns how many. */
    public long rewrapAll() {
        long total = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int batch;
                do {
                    batch = vault.rewrap(connection, config.rewrapBatchSize());
                    connection.commit();
                    total += batch;
                } while (batch == config.rewrapBatchSize() && !Thread.currentThread().isInterrupted());
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vault re-wrap failed (SQL state " + e.getSQLState() + ")", null);
        }
        rewrapped.increment(total);
        if (total > 0) {
            LOG.infof("vault re-wrap: %d data key(s) re-wrapped under master key %s", total, vault.masterKeyId());
        }
        return total;
    }
}
