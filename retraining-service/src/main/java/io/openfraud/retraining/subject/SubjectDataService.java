package io.openfraud.retraining.subject;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.Services;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.subject.SubjectDataReport.SubjectRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subject-data interface over what retraining holds per subject: the verdicts kept for performance monitoring
 * (which carry the customer pseudonym) and the labels of those transactions (labels carry only a transaction id, so
 * they reach a subject through the verdicts). Drift histograms are counts without any identifier and are not
 * subject data.
 */
@ApplicationScoped
public class SubjectDataService {

    static final String LABELS = "postgresql:retraining.labels";
    static final String VERDICTS = "postgresql:retraining.scored_outcomes";
    private static final String PURPOSE = "fraud prevention: model training and monitoring";
    private static final String BASIS = "legitimate interest (Art. 6(1)(f))";

    private final AgroalDataSource dataSource;
    private final Clock clock = Clock.systemUTC();

    SubjectDataService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SubjectDataReport report(String pseudonym) {
        List<SubjectRecord> records = new ArrayList<>();
        List<Map<String, Object>> verdicts = rows("SELECT transaction_id, model_version, score, decision, event_time"
                + " FROM scored_outcomes WHERE customer_pseudonym = ? ORDER BY event_time, transaction_id", pseudonym);
        if (!verdicts.isEmpty()) {
            records.add(new SubjectRecord(VERDICTS, "decision", PURPOSE, BASIS,
                    "until erased; read for monitoring within the configured maturity and window", Services.SCORING,
                    false, verdicts));
        }
        List<Map<String, Object>> labels = rows("SELECT l.transaction_id, l.label, l.source, l.observed_at FROM labels l"
                + " WHERE l.transaction_id IN (SELECT transaction_id FROM scored_outcomes WHERE customer_pseudonym = ?)"
                + " ORDER BY l.transaction_id, l.observed_at", pseudonym);
        if (!labels.isEmpty()) {
            records.add(new SubjectRecord(LABELS, "label", PURPOSE, BASIS, "until erased", "labels.feedback and "
                    + "POST /api/v1/labels", false, labels));
        }
        return new SubjectDataReport(Services.RETRAINING, pseudonym, clock.instant(), records);
    }

    /** Erases the subject's labels and verdicts in one transaction; idempotent. */
    public ErasureReport erase(String pseudonym) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement labels = c.prepareStatement("DELETE FROM labels WHERE transaction_id IN (SELECT"
                    + " transaction_id FROM scored_outcomes WHERE customer_pseudonym = ?)");
                    PreparedStatement verdicts = c.prepareStatement(
                            "DELETE FROM scored_outcomes WHERE customer_pseudonym = ?")) {
                labels.setString(1, pseudonym);
                int l = labels.executeUpdate();
                verdicts.setString(1, pseudonym);
                int v = verdicts.executeUpdate();
                c.commit();
                Instant now = clock.instant();
                return new ErasureReport(Services.RETRAINING, pseudonym, now, List.of(
                        new StoreEffect(LABELS, "labels of the subject's transactions", l, StoreEffect.Effect.ERASED,
                                null, null),
                        new StoreEffect(VERDICTS, "customer_pseudonym", v, StoreEffect.Effect.ERASED, null, null)));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase subject data", e);
        }
    }

    private List<Map<String, Object>> rows(String sql, String pseudonym) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pseudonym);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        row.put(camel(rs.getMetaData().getColumnLabel(i)),
                                value instanceof java.sql.Timestamp t ? t.toInstant().toString() : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read subject data", e);
        }
    }

    private static String camel(String column) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return s.toString();
    }
}
