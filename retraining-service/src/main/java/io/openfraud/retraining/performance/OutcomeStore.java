package io.openfraud.retraining.performance;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.ScoredTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stored verdicts, their join with the current labels, and the registered baselines per model version. */
@ApplicationScoped
public class OutcomeStore {

    private final AgroalDataSource dataSource;

    OutcomeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores verdicts in one transaction; one already stored (same transaction and version) is skipped. */
    public void insertAll(List<ScoredTransaction> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO scored_outcomes (transaction_id,"
                    + " model_version, customer_pseudonym, score, decision, event_time, scored_at) VALUES (?, ?, ?, ?,"
                    + " ?, ?, ?) ON CONFLICT (transaction_id, model_version) DO NOTHING")) {
                for (ScoredTransaction s : verdicts) {
                    ps.setString(1, s.transactionId());
                    ps.setString(2, s.verdict().modelVersion());
                    ps.setString(3, s.customerPseudonym());
                    ps.setDouble(4, s.verdict().score());
                    ps.setString(5, s.verdict().decision().name());
                    ps.setTimestamp(6, Timestamp.from(s.timestamp()));
                    ps.setTimestamp(7, Timestamp.from(s.scoredAt() == null ? s.timestamp() : s.scoredAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store verdicts", e);
        }
    }

    /**
     * A matured verdict and its current label.
     *
     * @param score    the model's score
     * @param flagged  the decision was REVIEW or DECLINE
     * @param label    the current label, or null if none
     */
    public record Outcome(double score, boolean flagged, LabelValue label) {
    }

    /** Model versions with verdicts scored in {@code [from, to)}. */
    public List<String> versions(Instant from, Instant to) {
        List<String> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT model_version FROM scored_outcomes"
                        + " WHERE scored_at >= ? AND scored_at < ? ORDER BY model_version")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read verdicts", e);
        }
    }

    /** Every model version with stored verdicts or a baseline (for the gauges at start). */
    public List<String> knownVersions() {
        List<String> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT model_version FROM scored_outcomes UNION"
                        + " SELECT model_version FROM model_baselines")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read verdicts", e);
        }
    }

    /** The verdicts of {@code version} scored in {@code [from, to)}, each with its current label. */
    public List<Outcome> outcomes(String version, Instant from, Instant to) {
        List<Outcome> outcomes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.score, s.decision, l.label FROM scored_outcomes s"
                        + " LEFT JOIN LATERAL (SELECT label FROM labels WHERE transaction_id = s.transaction_id"
                        + " ORDER BY observed_at DESC, source_rank DESC, event_id DESC LIMIT 1) l ON TRUE"
                        + " WHERE s.model_version = ? AND s.scored_at >= ? AND s.scored_at < ?")) {
            ps.setString(1, version);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String label = rs.getString(3);
                    outcomes.add(new Outcome(rs.getDouble(1), !"APPROVE".equals(rs.getString(2)),
                            label == null ? null : LabelValue.valueOf(label)));
                }
            }
            return outcomes;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read verdicts", e);
        }
    }

    /**
     * A model version's registered test metrics.
     *
     * @param modelVersion the version
     * @param threshold    its decision threshold (a score at or above it is flagged)
     * @param prAuc        PR-AUC on its test window
     * @param precision    precision at the threshold on its test window, or null
     * @param recall       recall at the threshold on its test window, or null
     */
    public record Baseline(String modelVersion, double threshold, double prAuc, Double precision, Double recall) {
    }

    /** Registers (or replaces) a version's baseline. */
    public void putBaseline(Baseline b) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO model_baselines (model_version, threshold,"
                        + " pr_auc, precision_at, recall_at, updated_at) VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT"
                        + " (model_version) DO UPDATE SET threshold = EXCLUDED.threshold, pr_auc = EXCLUDED.pr_auc,"
                        + " precision_at = EXCLUDED.precision_at, recall_at = EXCLUDED.recall_at, updated_at = now()")) {
            ps.setString(1, b.modelVersion());
            ps.setDouble(2, b.threshold());
            ps.setDouble(3, b.prAuc());
            ps.setObject(4, b.precision());
            ps.setObject(5, b.recall());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the baseline", e);
        }
    }

    /** A version's baseline, if registered. */
    public Optional<Baseline> baseline(String version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT threshold, pr_auc, precision_at, recall_at FROM"
                        + " model_baselines WHERE model_version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Baseline(version, rs.getDouble(1), rs.getDouble(2),
                        (Double) rs.getObject(3), (Double) rs.getObject(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the baseline", e);
        }
    }
}
