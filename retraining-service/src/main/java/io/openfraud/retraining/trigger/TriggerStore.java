package io.openfraud.retraining.trigger;

import io.agroal.api.AgroalDataSource;
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

/** Retraining requests, the audit of trigger decisions, and once-per-slot claims of scheduled jobs. */
@ApplicationScoped
public class TriggerStore {

    /** Key of the advisory lock that serialises trigger decisions across replicas. */
    static final long DECISION_LOCK = 0x0F4A_0D06L;

    private final AgroalDataSource dataSource;

    TriggerStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims {@code slot} of {@code job} for {@code replica}.
     *
     * @return true for exactly one caller per (job, slot), whichever replica asks first
     */
    public boolean claim(String job, Instant slot, String replica) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO scheduled_slots (job, slot, claimed_by)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, job);
            ps.setTimestamp(2, Timestamp.from(slot));
            ps.setString(3, replica);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim a schedule slot", e);
        }
    }

    long insertRequest(RetrainingRequest request, String status) {
        return insertRequest(request, status, null);
    }

    /** Stores a request with its outcome and the training run it started (or null). */
    long insertRequest(RetrainingRequest request, String status, Long trainingRunId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO retraining_requests (trigger_kind, reason,"
                        + " status, requested_at, training_run_id) VALUES (?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, request.kind().name());
            ps.setString(2, request.reason());
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(request.requestedAt()));
            if (trainingRunId == null) {
                ps.setNull(5, java.sql.Types.BIGINT);
            } else {
                ps.setLong(5, trainingRunId);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the retraining request", e);
        }
    }

    /** The status of request {@code id}. */
    String requestStatus(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM retraining_requests WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the retraining request", e);
        }
    }

    /**
     * Runs {@code decide} while holding the decision lock (a transaction-scoped PostgreSQL advisory lock), handing
     * it the time of the last REQUESTED decision; the decision it returns is audited in the same transaction.
     */
    public TriggerDecision decide(java.util.function.Function<Optional<Instant>, TriggerDecision> decide) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + DECISION_LOCK + ")");
                Optional<Instant> last;
                try (ResultSet rs = s.executeQuery("SELECT max(decided_at) FROM retraining_trigger_decisions"
                        + " WHERE outcome = 'REQUESTED'")) {
                    rs.next();
                    Timestamp t = rs.getTimestamp(1);
                    last = t == null ? Optional.empty() : Optional.of(t.toInstant());
                }
                TriggerDecision d = decide.apply(last);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO retraining_trigger_decisions (decided_at,"
                        + " trigger_kind, outcome, reason, request_id) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setTimestamp(1, Timestamp.from(d.decidedAt()));
                    ps.setString(2, d.kind().name());
                    ps.setString(3, d.outcome().name());
                    ps.setString(4, d.reason());
                    ps.setObject(5, d.requestId());
                    ps.executeUpdate();
                }
                c.commit();
                return d;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot audit the trigger decision", e);
        }
    }

    /** The newest decisions first, with their request's status. */
    public List<TriggerDecision> recent(int limit) {
        List<TriggerDecision> decisions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.decided_at, d.trigger_kind, d.outcome, d.reason,"
                        + " d.request_id, r.status FROM retraining_trigger_decisions d LEFT JOIN retraining_requests r"
                        + " ON r.id = d.request_id ORDER BY d.id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    decisions.add(new TriggerDecision(rs.getTimestamp(1).toInstant(),
                            TriggerKind.valueOf(rs.getString(2)), TriggerDecision.Outcome.valueOf(rs.getString(3)),
                            rs.getString(4), (Long) rs.getObject(5), rs.getString(6)));
                }
            }
            return decisions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read trigger decisions", e);
        }
    }
}
