package io.openfraud.retraining.drift.persistence;

import io.agroal.api.AgroalDataSource;
import io.openfraud.retraining.drift.core.ProductionProfile;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** References, production buckets and reports in PostgreSQL (plain JDBC; histograms as JSONB). */
@ApplicationScoped
public class DriftStore {

    private final AgroalDataSource dataSource;

    DriftStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored reference and its id. */
    public record StoredReference(long id, Instant createdAt, ReferenceProfile profile) {
    }

    /** Stores {@code profile} and makes it the active reference (the previous one stays, inactive). */
    public long activate(ReferenceProfile profile) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO drift_references (feature_set_version,"
                            + " model_version, source, rows_count, active, profile) VALUES (?, ?, ?, ?, TRUE,"
                            + " CAST(? AS jsonb))", Statement.RETURN_GENERATED_KEYS)) {
                s.executeUpdate("UPDATE drift_references SET active = FALSE WHERE active");
                ps.setString(1, profile.featureSetVersion());
                ps.setString(2, profile.modelVersion());
                ps.setString(3, profile.source());
                ps.setLong(4, profile.rows());
                ps.setString(5, ProfileJson.reference(profile));
                ps.executeUpdate();
                long id;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the reference", e);
        }
    }

    /** Id of the active reference, if any (cheap: for replicas to notice a new one). */
    public Optional<Long> activeId() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM drift_references WHERE active")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the active reference", e);
        }
    }

    /** The active reference, if any. */
    public Optional<StoredReference> active() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, created_at, profile FROM drift_references WHERE active")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredReference(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                    ProfileJson.reference(rs.getString(3))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the active reference", e);
        }
    }

    /**
     * Adds this replica's counts per bucket to its stored rows, in one transaction. Only this replica writes rows
     * under its name, so read-merge-write needs no lock against other replicas.
     */
    public void mergeBuckets(long referenceId, String replica, Map<Instant, ProductionProfile> buckets,
            ReferenceProfile reference) {
        if (buckets.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement("SELECT vectors, histograms FROM drift_buckets WHERE"
                    + " reference_id = ? AND bucket_start = ? AND replica = ? FOR UPDATE");
                    PreparedStatement upsert = c.prepareStatement("INSERT INTO drift_buckets (reference_id,"
                            + " bucket_start, replica, vectors, scores, histograms, updated_at) VALUES (?, ?, ?, ?, ?,"
                            + " CAST(? AS jsonb), now()) ON CONFLICT (reference_id, bucket_start, replica) DO UPDATE"
                            + " SET vectors = EXCLUDED.vectors, scores = EXCLUDED.scores,"
                            + " histograms = EXCLUDED.histograms, updated_at = now()")) {
                for (Map.Entry<Instant, ProductionProfile> bucket : buckets.entrySet()) {
                    ProductionProfile merged = new ProductionProfile(reference);
                    merged.merge(bucket.getValue());
                    read.setLong(1, referenceId);
                    read.setTimestamp(2, Timestamp.from(bucket.getKey()));
                    read.setString(3, replica);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            ProfileJson.mergeInto(merged, rs.getString(2), rs.getLong(1));
                        }
                    }
                    upsert.setLong(1, referenceId);
                    upsert.setTimestamp(2, Timestamp.from(bucket.getKey()));
                    upsert.setString(3, replica);
                    upsert.setLong(4, merged.vectors());
                    upsert.setLong(5, merged.scores().total());
                    upsert.setString(6, ProfileJson.production(merged));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store drift buckets", e);
        }
    }

    /** Start of the newest bucket with data for a reference. */
    public Optional<Instant> newestBucket(long referenceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT max(bucket_start) FROM drift_buckets WHERE reference_id = ?")) {
            ps.setLong(1, referenceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? Optional.empty() : Optional.of(t.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read drift buckets", e);
        }
    }

    /** Every replica's buckets in {@code [from, to)} merged into one profile. */
    public ProductionProfile window(long referenceId, ReferenceProfile reference, Instant from, Instant to) {
        ProductionProfile window = new ProductionProfile(reference);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT vectors, histograms FROM drift_buckets WHERE"
                        + " reference_id = ? AND bucket_start >= ? AND bucket_start < ?")) {
            ps.setLong(1, referenceId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ProfileJson.mergeInto(window, rs.getString(2), rs.getLong(1));
                }
            }
            return window;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read drift buckets", e);
        }
    }

    /** Deletes buckets that started before {@code before}; returns how many. */
    public int deleteBucketsBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM drift_buckets WHERE bucket_start < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete drift buckets", e);
        }
    }

    /** Stores a report (JSON) and returns its id. */
    public long saveReport(Instant generatedAt, Long referenceId, boolean datasetDrift, String json) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO drift_reports (generated_at, reference_id,"
                        + " dataset_drift, report) VALUES (?, ?, ?, CAST(? AS jsonb))",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(generatedAt));
            if (referenceId == null) {
                ps.setNull(2, java.sql.Types.BIGINT);
            } else {
                ps.setLong(2, referenceId);
            }
            ps.setBoolean(3, datasetDrift);
            ps.setString(4, json);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the report", e);
        }
    }

    /** The newest report's JSON, if any. */
    public Optional<String> latestReport() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT report FROM drift_reports ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read reports", e);
        }
    }
}
