package io.openfraud.retraining.labels.persistence;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Labels in PostgreSQL (plain JDBC: batched inserts, no entity to keep in step with the history table). */
@ApplicationScoped
public class LabelStore {

    /** Newest first: the order that decides the current label. */
    static final String LATEST_FIRST = "observed_at DESC, source_rank DESC, event_id DESC";

    private final AgroalDataSource dataSource;

    LabelStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code rows} in one transaction; a row whose event id is already stored is skipped.
     *
     * @return how many were new
     */
    public int insertAll(List<LabelRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO labels (event_id, transaction_id, label, source, source_rank, observed_at, channel)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int inserted = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (LabelRow r : rows) {
                    ps.setString(1, r.eventId());
                    ps.setString(2, r.transactionId());
                    ps.setString(3, r.label().name());
                    ps.setString(4, r.source().name());
                    ps.setInt(5, LabelRow.rank(r.source()));
                    ps.setTimestamp(6, Timestamp.from(r.observedAt()));
                    ps.setString(7, r.channel().name());
                    ps.addBatch();
                }
                for (int n : ps.executeBatch()) {
                    inserted += Math.max(n, 0);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store labels", e);
        }
    }

    /** The label stored under {@code eventId}, if any. */
    public Optional<LabelRow> byEventId(String eventId) {
        return query("SELECT * FROM labels WHERE event_id = ?", eventId).stream().findFirst();
    }

    /** Every label of a transaction, current first. */
    public List<LabelRow> history(String transactionId) {
        return query("SELECT * FROM labels WHERE transaction_id = ? ORDER BY " + LATEST_FIRST, transactionId);
    }

    /**
     * The current label of each of {@code transactionIds} that has one (the newest by {@link #LATEST_FIRST}), in one
     * query per call; the training-set builder calls it in batches.
     */
    public Map<String, LabelValue> current(Collection<String> transactionIds) {
        Map<String, LabelValue> labels = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return labels;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT ON (transaction_id) transaction_id, label FROM labels WHERE transaction_id = ANY (?)"
                        + " ORDER BY transaction_id, " + LATEST_FIRST)) {
            ps.setArray(1, c.createArrayOf("varchar", transactionIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), LabelValue.valueOf(rs.getString(2)));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read labels", e);
        }
    }

    /** Label events of {@code source} (any if null) received at or after {@code since}. */
    public long countReceived(LabelSource source, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM labels WHERE received_at >= ? AND (CAST(? AS VARCHAR) IS NULL OR source = ?)")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setString(2, source == null ? null : source.name());
            ps.setString(3, source == null ? null : source.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count labels", e);
        }
    }

    private List<LabelRow> query(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<LabelRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read labels", e);
        }
    }

    /** Reads a row of {@code labels}. */
    public static LabelRow read(ResultSet rs) throws SQLException {
        return new LabelRow(rs.getString("event_id"), rs.getString("transaction_id"),
                LabelValue.valueOf(rs.getString("label")), LabelSource.valueOf(rs.getString("source")),
                rs.getTimestamp("observed_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                LabelRow.Channel.valueOf(rs.getString("channel")));
    }
}
