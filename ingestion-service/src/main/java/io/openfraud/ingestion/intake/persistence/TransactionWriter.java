package io.openfraud.ingestion.intake.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Inserts many masked transactions, skipping ids already stored, and says which were new. Runs on the caller's
 * connection, inside its transaction, so the outbox rows commit with it.
 *
 * <p>Two ways, same result: {@link #insertNew} (one {@code unnest} statement; the REST, batch and Kafka paths) and
 * {@link #copyNew} (PostgreSQL {@code COPY}, for an import's chunks: about twice as fast per row, see
 * docs/benchmarks.md). {@code COPY} cannot skip a conflicting row, so {@link #copyNew} copies straight into
 * {@code transactions} inside a savepoint, which succeeds whenever every id is new (a first import); if one id is
 * already stored, the savepoint is rolled back and the chunk is copied into a temporary staging table and moved with
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING}, exactly like {@link #insertNew}.
 */
public final class TransactionWriter {

    /** One row to write; {@code deleteAfter} is when the retention purge deletes it. */
    public record Row(ValidatedTransaction validated, String sourceKind, String sourceRef, int schemaVersion,
            String ruleSetVersion, String keyId, Instant deleteAfter) {
    }

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String[] COLUMNS = {"transaction_id", "event_time", "type", "amount_minor", "currency",
        "customer_pseudonym", "counterparty_pseudonym", "customer_balance_before", "customer_balance_after",
        "counterparty_balance_before", "counterparty_balance_after", "card_token", "card_bin", "card_last4", "path",
        "received_at", "decision", "score", "scorer", "model_version", "source_kind", "source_ref", "schema_version",
        "rule_set_version", "key_id", "warnings", "context", "delete_after"};
    private static final String[] TYPES = {"varchar", "timestamptz", "varchar", "bigint", "bpchar", "varchar",
        "varchar", "bigint", "bigint", "bigint", "bigint", "varchar", "varchar", "bpchar", "varchar", "timestamptz",
        "varchar", "float8", "varchar", "varchar", "varchar", "varchar", "smallint", "varchar", "varchar", "text",
        "jsonb", "timestamptz"};
    private static final String INSERT = insertStatement();
    private static final String COLUMN_LIST = String.join(", ", COLUMNS);
    private static final String COPY_DIRECT = "COPY transactions (" + COLUMN_LIST + ") FROM STDIN";
    private static final String STAGING = "transactions_staging";
    private static final String CREATE_STAGING = "CREATE TEMPORARY TABLE IF NOT EXISTS " + STAGING
            + " (LIKE transactions INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGING = "COPY " + STAGING + " (" + COLUMN_LIST + ") FROM STDIN";
    private static final String MOVE_STAGING = "INSERT INTO transactions (" + COLUMN_LIST + ") SELECT " + COLUMN_LIST
            + " FROM " + STAGING + " ON CONFLICT (transaction_id) DO NOTHING RETURNING transaction_id";
    private static final String UNIQUE_VIOLATION = "23505";

    private TransactionWriter() {
    }

    private static String insertStatement() {
        StringBuilder sql = new StringBuilder("INSERT INTO transactions (")
                .append(String.join(", ", COLUMNS)).append(") SELECT ");
        for (int i = 0; i < COLUMNS.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("c").append(i).append("::").append(TYPES[i]);
        }
        sql.append(" FROM unnest(");
        for (int i = 0; i < COLUMNS.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("?::text[]");
        }
        sql.append(") AS u(");
        for (int i = 0; i < COLUMNS.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("c").append(i);
        }
        return sql.append(") ON CONFLICT (transaction_id) DO NOTHING RETURNING transaction_id").toString();
    }

    /** Writes {@code rows}; returns the ids that were new (a repeated id is written once, first occurrence). */
    public static Set<String> insertNew(Connection connection, List<Row> rows) throws SQLException {
        int n = rows.size();
        String[][] columns = new String[COLUMNS.length][n];
        for (int r = 0; r < n; r++) {
            String[] values = values(rows.get(r));
            for (int c = 0; c < COLUMNS.length; c++) {
                columns[c][r] = values[c];
            }
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int c = 0; c < COLUMNS.length; c++) {
                Array array = connection.createArrayOf("text", columns[c]);
                insert.setArray(c + 1, array);
            }
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
        }
        return inserted;
    }

    /**
     * {@link #insertNew} by {@code COPY}: writes {@code rows} and returns the ids that were new (a repeated id is
     * written once, first occurrence; an id already stored is skipped).
     */
    public static Set<String> copyNew(Connection connection, List<Row> rows) throws SQLException {
        Map<String, Row> unique = new LinkedHashMap<>();
        for (Row row : rows) {
            unique.putIfAbsent(row.validated().transaction().transactionId(), row);
        }
        byte[] data = copyText(unique.values());
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement sql = connection.createStatement()) {
            sql.execute("SAVEPOINT transactions_copy");
            try {
                copy.copyIn(COPY_DIRECT, new ByteArrayInputStream(data));
                sql.execute("RELEASE SAVEPOINT transactions_copy");
                return new HashSet<>(unique.keySet());
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                sql.execute("ROLLBACK TO SAVEPOINT transactions_copy");
                sql.execute("RELEASE SAVEPOINT transactions_copy");
            }
            // Some ids are stored already (a file imported again): copy aside, keep only the new ones.
            sql.execute(CREATE_STAGING);
            sql.execute("TRUNCATE " + STAGING);
            copy.copyIn(COPY_STAGING, new ByteArrayInputStream(data));
            Set<String> inserted = new HashSet<>();
            try (ResultSet result = sql.executeQuery(MOVE_STAGING)) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
            sql.execute("TRUNCATE " + STAGING);
            return inserted;
        } catch (IOException e) {
            throw new SQLException("COPY into transactions failed", e);
        }
    }

    /** The rows in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    static byte[] copyText(Iterable<Row> rows) {
        StringBuilder out = new StringBuilder(1 << 16);
        for (Row row : rows) {
            String[] values = values(row);
            for (int c = 0; c < values.length; c++) {
                if (c > 0) {
                    out.append('\t');
                }
                appendCopyValue(out, values[c]);
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void appendCopyValue(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static String[] values(Row row) {
        ValidatedTransaction v = row.validated();
        MaskedTransaction t = v.transaction();
        Verdict verdict = v.verdict();
        String context;
        try {
            context = t.context() == null ? null : JSON.writeValueAsString(t.context());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("context is not writable as JSON", e);
        }
        return new String[] {t.transactionId(), t.timestamp().toString(), t.type().name(),
            Long.toString(t.amountMinor()), t.currency(), t.customer().pseudonym(), t.counterparty().pseudonym(),
            text(t.customer().balanceBeforeMinor()), text(t.customer().balanceAfterMinor()),
            text(t.counterparty().balanceBeforeMinor()), text(t.counterparty().balanceAfterMinor()),
            t.card() == null ? null : t.card().token(), t.card() == null ? null : t.card().bin(),
            t.card() == null ? null : t.card().last4(), v.path().name(), v.ingestedAt().toString(),
            verdict == null ? null : verdict.decision().name(), verdict == null ? null : Double.toString(verdict.score()),
            verdict == null ? null : verdict.scorer().name(), verdict == null ? null : verdict.modelVersion(),
            row.sourceKind(), row.sourceRef(), Integer.toString(row.schemaVersion()), row.ruleSetVersion(),
            row.keyId(), v.warnings().isEmpty() ? null : String.join(",", v.warnings()), context,
            row.deleteAfter() == null ? null : row.deleteAfter().toString()};
    }

    private static String text(Long value) {
        return value == null ? null : value.toString();
    }
}
