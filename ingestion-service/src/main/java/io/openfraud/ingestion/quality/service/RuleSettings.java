package io.openfraud.ingestion.quality.service;

import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Rule severities an administrator sets at run time ({@code quality_rule_settings}): written here, applied to this
 * instance's gate at once and picked up by the other instances within {@link #REFRESH_SECONDS}.
 */
@ApplicationScoped
public class RuleSettings {

    static final int REFRESH_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(RuleSettings.class);

    private final Session session;
    private final QualityGate gate;
    private ScheduledExecutorService refresher;

    RuleSettings(Session session, QualityGate gate) {
        this.session = session;
        this.gate = gate;
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "quality-rule-settings");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warnf("Could not re-read the rule severities (keeping the current ones): %s", e.toString());
            }
        }, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Sets {@code rule}'s severity for every instance; {@code by} is the administrator. */
    public void set(String rule, Severity severity, String by) {
        gate.catalogue().get(rule); // an unknown rule fails here
        QuarkusTransaction.requiringNew().run(() -> session.doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO quality_rule_settings "
                    + "(rule_id, severity, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (rule_id) DO "
                    + "UPDATE SET severity = excluded.severity, updated_at = excluded.updated_at, "
                    + "updated_by = excluded.updated_by")) {
                upsert.setString(1, rule);
                upsert.setString(2, severity.name());
                upsert.setTimestamp(3, Timestamp.from(Instant.now()));
                upsert.setString(4, by);
                upsert.executeUpdate();
            }
        }));
        refresh();
    }

    /** Re-reads the severities and applies them. */
    public void refresh() {
        Map<String, Severity> overrides = QuarkusTransaction.requiringNew().call(() ->
                session.doReturningWork(connection -> {
                    Map<String, Severity> read = new HashMap<>();
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT rule_id, severity FROM quality_rule_settings");
                         ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            read.put(rows.getString(1), Severity.valueOf(rows.getString(2)));
                        }
                    }
                    return read;
                }));
        overrides.keySet().removeIf(rule -> gate.catalogue().rule(rule).isEmpty()); // retired rules
        gate.applyOverrides(overrides);
    }
}
