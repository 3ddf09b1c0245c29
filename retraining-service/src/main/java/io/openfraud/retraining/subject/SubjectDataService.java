package io.openfraud.retraining.subject;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.Services;
import io.openfraud.events.gdpr.GdprCommand.Action;
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
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
    static final String EXCLUSIONS = "postgresql:retraining.subject_training_exclusions";
    private static final String LABELS_OF_SUBJECT = "labels of the subject's transactions";
    private static final String LABELS_SQL = "transaction_id IN (SELECT transaction_id FROM scored_outcomes WHERE "
            + "customer_pseudonym = ?)";
    private static final String PURPOSE = "fraud prevention: model training and monitoring";
    private static final String BASIS = "legitimate interest (Art. 6(1)(f))";

    private final AgroalDataSource dataSource;
    private final SubjectConfig config;
    private final Clock clock = Clock.systemUTC();

    SubjectDataService(AgroalDataSource dataSource, SubjectConfig config) {
        this.dataSource = dataSource;
        this.config = config;
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
        List<Map<String, Object>> exclusions = rows("SELECT kind, request_id, since FROM subject_training_exclusions"
                + " WHERE subject_pseudonym = ? ORDER BY kind", pseudonym);
        if (!exclusions.isEmpty()) {
            records.add(new SubjectRecord(EXCLUSIONS, "training exclusion", "keeping the subject out of model training",
                    "legal obligation (Art. 17-21)", "until lifted (RESTRICT) or for the AML retention (ERASE)",
                    "gdpr.commands", false, exclusions));
        }
        return new SubjectDataReport(Services.RETRAINING, pseudonym, clock.instant(), records);
    }

    /**
     * Erases the subject's labels and verdicts and keeps the subject out of training for good (their transactions may
     * be retained elsewhere for AML), in one transaction; idempotent.
     */
    public ErasureReport erase(String pseudonym) {
        return erase(pseudonym, "subject-data-interface");
    }

    /** As {@link #erase(String)}, recording {@code requestId} (the data-subject request) with the exclusion. */
    public ErasureReport erase(String pseudonym, String requestId) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement labels = c.prepareStatement("DELETE FROM labels WHERE " + LABELS_SQL);
                    PreparedStatement verdicts = c.prepareStatement(
                            "DELETE FROM scored_outcomes WHERE customer_pseudonym = ?")) {
                labels.setString(1, pseudonym);
                int l = labels.executeUpdate();
                verdicts.setString(1, pseudonym);
                int v = verdicts.executeUpdate();
                exclude(c, pseudonym, "ERASE", requestId, now);
                c.commit();
                return new ErasureReport(Services.RETRAINING, pseudonym, now, List.of(
                        new StoreEffect(LABELS, LABELS_OF_SUBJECT, l, StoreEffect.Effect.ERASED, null, null),
                        new StoreEffect(VERDICTS, "customer_pseudonym", v, StoreEffect.Effect.ERASED, null, null),
                        new StoreEffect(EXCLUSIONS, "subject_pseudonym", 1, StoreEffect.Effect.RETAINED,
                                "Art. 17 and 19: the pseudonym alone is kept so that none of the subject's "
                                        + "transactions retained elsewhere (AML) ever trains a model again",
                                deleteAfter(now))));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase subject data", e);
        }
    }

    /**
     * RESTRICT (Art. 18) or OBJECT (Art. 21): the subject's labels and verdicts stay stored (performance monitoring
     * of the fraud models, a legitimate interest) but the subject leaves training until LIFT_RESTRICTION, which
     * removes a restriction (an objection stands). Idempotent; the evidence per store and field.
     */
    public List<StoreEffect> limit(Action action, String pseudonym, String requestId) {
        if (action == Action.ERASE) {
            throw new IllegalArgumentException("ERASE is erase()");
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (action == Action.LIFT_RESTRICTION) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM subject_training_exclusions "
                            + "WHERE subject_pseudonym = ? AND kind = 'RESTRICT'")) {
                        delete.setString(1, pseudonym);
                        delete.executeUpdate();
                    }
                } else {
                    exclude(c, pseudonym, action.name(), requestId, now);
                }
                long labels = count(c, "SELECT count(*) FROM labels WHERE " + LABELS_SQL, pseudonym);
                long verdicts = count(c, "SELECT count(*) FROM scored_outcomes WHERE customer_pseudonym = ?",
                        pseudonym);
                long exclusions = count(c, "SELECT count(*) FROM subject_training_exclusions WHERE "
                        + "subject_pseudonym = ?", pseudonym);
                c.commit();
                String basis = (exclusions > 0 ? "kept for monitoring the fraud models (legitimate interest, Art. "
                        + "6(1)(f)); excluded from training (Art. 18/21)"
                        : "processing resumed (restriction lifted); used for training again");
                LocalDate deleteAfter = deleteAfter(now);
                return List.of(
                        new StoreEffect(LABELS, LABELS_OF_SUBJECT, labels, StoreEffect.Effect.RETAINED, basis,
                                deleteAfter),
                        new StoreEffect(VERDICTS, "customer_pseudonym", verdicts, StoreEffect.Effect.RETAINED, basis,
                                deleteAfter),
                        new StoreEffect(EXCLUSIONS, "subject_pseudonym", exclusions, StoreEffect.Effect.RETAINED,
                                exclusions > 0 ? "the record of the restriction or objection that keeps the subject "
                                        + "out of training" : "no restriction or objection left", deleteAfter));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot limit the processing of subject data", e);
        }
    }

    /** Pseudonyms of the subjects whose transactions must not train a model (restricted, objected or erased). */
    public Set<String> excludedFromTraining() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subject_pseudonym FROM "
                        + "subject_training_exclusions");
                ResultSet rs = ps.executeQuery()) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the subjects excluded from training", e);
        }
    }

    private static void exclude(Connection c, String pseudonym, String kind, String requestId, Instant at)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO subject_training_exclusions "
                + "(subject_pseudonym, kind, request_id, since) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (subject_pseudonym, kind) DO NOTHING")) {
            upsert.setString(1, pseudonym);
            upsert.setString(2, kind);
            upsert.setString(3, requestId);
            upsert.setTimestamp(4, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }

    private static long count(Connection c, String sql, String pseudonym) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pseudonym);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private LocalDate deleteAfter(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusYears(config.retentionYears());
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
