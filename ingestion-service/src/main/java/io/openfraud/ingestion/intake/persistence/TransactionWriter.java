package io.openfraud.ingestion.intake.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Inserts many masked transactions in one statement ({@code unnest} of one array per column), skipping ids already
 * stored, and says which were new. The bulk paths (batch, imports, Kafka) and the single ones share it. Runs on the
 * caller's connection, inside its transaction, so the outbox rows commit with it.
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
