package io.openfraud.ingestion.quality.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The quarantine table, over the caller's connection (its transaction). */
public final class QuarantineStore {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** One quarantined record. */
    public record Entry(long id, Instant receivedAt, String channel, String sourceRef, String transactionId,
            String ruleSetVersion, List<RuleViolation> violations, Map<String, Object> maskedRecord, String status,
            Instant resolvedAt, String resolution) {
    }

    private QuarantineStore() {
    }

    /** Inserts the rejected records with their source references, in one batch. */
    public static void insert(Connection connection, List<RejectedTransaction> rejected, List<String> sourceRefs,
            String ruleSetVersion) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine (received_at, channel, "
                + "source_ref, transaction_id, rule_set_version, rule_ids, violations, masked_record) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            for (int i = 0; i < rejected.size(); i++) {
                RejectedTransaction r = rejected.get(i);
                insert.setTimestamp(1, Timestamp.from(r.receivedAt()));
                insert.setString(2, r.channel().name());
                insert.setString(3, sourceRefs.get(i));
                insert.setString(4, r.transactionId());
                insert.setString(5, ruleSetVersion);
                insert.setArray(6, connection.createArrayOf("varchar",
                        r.violations().stream().map(RuleViolation::ruleId).distinct().toArray()));
                insert.setString(7, json(r.violations()));
                insert.setString(8, json(r.maskedRecord()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Entries by status, optionally only those that failed {@code rule}, oldest first after {@code afterId}. */
    public static List<Entry> list(Connection connection, String status, String rule, long afterId, int limit)
            throws SQLException {
        String sql = "SELECT * FROM quarantine WHERE status = ? AND id > ?"
                + (rule == null ? "" : " AND ? = ANY (rule_ids)") + " ORDER BY id LIMIT ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int p = 1;
            query.setString(p++, status);
            query.setLong(p++, afterId);
            if (rule != null) {
                query.setString(p++, rule);
            }
            query.setInt(p, limit);
            return entries(query);
        }
    }

    /** The quarantined entries among {@code ids}, locked for this transaction. */
    public static List<Entry> lockQuarantined(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM quarantine WHERE id = ANY (?) "
                + "AND status = 'QUARANTINED' ORDER BY id FOR UPDATE")) {
            query.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            return entries(query);
        }
    }

    /** Marks entries resolved. */
    public static void resolve(Connection connection, List<Long> ids, String status, String resolution, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE quarantine SET status = ?, "
                + "resolution = ?, resolved_at = ? WHERE id = ANY (?)")) {
            update.setString(1, status);
            update.setString(2, resolution);
            update.setTimestamp(3, Timestamp.from(at));
            update.setArray(4, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    private static List<Entry> entries(PreparedStatement query) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Timestamp resolved = rows.getTimestamp("resolved_at");
                entries.add(new Entry(rows.getLong("id"), rows.getTimestamp("received_at").toInstant(),
                        rows.getString("channel"), rows.getString("source_ref"), rows.getString("transaction_id"),
                        rows.getString("rule_set_version"),
                        read(rows.getString("violations"), new TypeReference<List<RuleViolation>>() { }),
                        read(rows.getString("masked_record"), new TypeReference<Map<String, Object>>() { }),
                        rows.getString("status"), resolved == null ? null : resolved.toInstant(),
                        rows.getString("resolution")));
            }
        }
        return entries;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored quarantine JSON is unreadable", e);
        }
    }
}
