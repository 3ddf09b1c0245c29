package io.openfraud.scoring.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code alert_cases} table (plain JDBC: a handful of statements, no ORM). Opening is an
 * {@code INSERT ... ON CONFLICT (transaction_id) DO NOTHING}, so a transaction has at most one case whichever path
 * or redelivery reports it first.
 */
@ApplicationScoped
public class AlertCaseStore {

    static final String TABLE = "alert_cases";
    private static final String COLUMNS = "id, transaction_id, customer_pseudonym, score, decision, reasons,"
            + " model_version, scorer, status, created_at, outcome, note, resolved_by, resolved_at";
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    AlertCaseStore(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Opens a case for the transaction unless it has one; true when this call opened it. */
    public boolean open(String transactionId, String customerPseudonym, Verdict verdict, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + TABLE + " (id, transaction_id, customer_pseudonym, score, decision, reasons, model_version, scorer,"
                + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)"
                + " ON CONFLICT (transaction_id) DO NOTHING")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, transactionId);
            ps.setString(3, customerPseudonym);
            ps.setDouble(4, verdict.score());
            ps.setString(5, verdict.decision().name());
            ps.setString(6, mapper.writeValueAsString(verdict.reasons()));
            ps.setString(7, verdict.modelVersion());
            ps.setString(8, verdict.scorer().name());
            ps.setTimestamp(9, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot open an alert case", e);
        }
    }

    public AlertPage page(AlertCase.Status status, int page, int size) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE status = ?");
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                        + " WHERE status = ? ORDER BY created_at, id LIMIT ? OFFSET ?")) {
            count.setString(1, status.name());
            long total;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            select.setString(1, status.name());
            select.setInt(2, size);
            select.setLong(3, (long) page * size);
            return new AlertPage(read(select), page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the alert queue", e);
        }
    }

    public Optional<AlertCase> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?")) {
            ps.setObject(1, id);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an alert case", e);
        }
    }

    /** The subject's cases, oldest first. */
    public List<AlertCase> ofSubject(String customerPseudonym) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM " + TABLE + " WHERE customer_pseudonym = ? ORDER BY created_at, id")) {
            ps.setString(1, customerPseudonym);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read subject data", e);
        }
    }

    /**
     * What an erasure deleted.
     *
     * @param cases    the subject's cases
     * @param resolved those of them that carried a resolution (outcome, note, who)
     */
    public record Erased(int cases, int resolved) {
    }

    /** Deletes the subject's cases. */
    public Erased eraseSubject(String customerPseudonym) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM "
                + TABLE + " WHERE customer_pseudonym = ? RETURNING status")) {
            ps.setString(1, customerPseudonym);
            int cases = 0;
            int resolved = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cases++;
                    if (AlertCase.Status.RESOLVED.name().equals(rs.getString(1))) {
                        resolved++;
                    }
                }
            }
            return new Erased(cases, resolved);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase subject data", e);
        }
    }

    /** Deletes every case opened before {@code cutoff}; how many were deleted. */
    public int purgeOpenedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge alert cases", e);
        }
    }

    /** What {@link Resolution#apply} decides once the case row is locked. */
    public enum ResolveResult {
        RESOLVED, NOT_FOUND, ALREADY_RESOLVED
    }

    /** The work done while a case row is locked (publishing its label), before the resolution commits. */
    @FunctionalInterface
    public interface Resolution {
        void apply(AlertCase locked);
    }

    /**
     * Resolves an open case in one transaction: locks the row ({@code SELECT ... FOR UPDATE}), runs {@code whileLocked}
     * (which publishes the label and throws to abandon), then records the outcome. Two concurrent resolutions of the
     * same case are serialised by the lock: the second finds it RESOLVED.
     */
    public ResolveResult resolve(UUID id, LabelValue outcome, String note, String resolvedBy, Instant now,
            Resolution whileLocked) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE id = ? FOR UPDATE");
                    PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET status = 'RESOLVED',"
                            + " outcome = ?, note = ?, resolved_by = ?, resolved_at = ? WHERE id = ?")) {
                lock.setObject(1, id);
                List<AlertCase> found = read(lock);
                if (found.isEmpty()) {
                    c.rollback();
                    return ResolveResult.NOT_FOUND;
                }
                if (found.get(0).status() != AlertCase.Status.OPEN) {
                    c.rollback();
                    return ResolveResult.ALREADY_RESOLVED;
                }
                whileLocked.apply(found.get(0));
                update.setString(1, outcome.name());
                update.setString(2, note);
                update.setString(3, resolvedBy);
                update.setTimestamp(4, Timestamp.from(now));
                update.setObject(5, id);
                update.executeUpdate();
                c.commit();
                return ResolveResult.RESOLVED;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot resolve an alert case", e);
        }
    }

    private List<AlertCase> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<AlertCase> cases = new ArrayList<>();
            while (rs.next()) {
                cases.add(new AlertCase(rs.getString("id"), rs.getString("transaction_id"),
                        rs.getString("customer_pseudonym"), rs.getDouble("score"),
                        Decision.valueOf(rs.getString("decision")), reasons(rs.getString("reasons")),
                        rs.getString("model_version"), Scorer.valueOf(rs.getString("scorer")),
                        AlertCase.Status.valueOf(rs.getString("status")), instant(rs.getTimestamp("created_at")),
                        rs.getString("outcome") == null ? null : LabelValue.valueOf(rs.getString("outcome")),
                        rs.getString("note"), rs.getString("resolved_by"), instant(rs.getTimestamp("resolved_at"))));
            }
            return cases;
        }
    }

    private List<Reason> reasons(String json) {
        try {
            return mapper.readValue(json, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reasons in " + TABLE, e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
