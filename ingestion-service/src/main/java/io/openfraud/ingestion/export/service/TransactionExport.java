package io.openfraud.ingestion.export.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Streams stored transactions as masked-transaction-v1 NDJSON (one {@link MaskedTransaction} per line) for retraining:
 * a server-side cursor (auto-commit off, a fetch size) keeps memory flat whatever the range. Only what is published on
 * {@code transactions.validated} leaves: pseudonyms, card token, BIN and last four, and the minimised context; never a
 * PAN or personal data. Transactions kept only for the AML retention after an erasure are left out: that retention
 * allows no other purpose.
 */
@ApplicationScoped
public class TransactionExport {

    /** Rows the cursor fetches per round trip. */
    public static final int FETCH_SIZE = 1000;
    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final byte[] NEWLINE = {'\n'};
    private static final Logger LOG = Logger.getLogger(TransactionExport.class);
    private static final String COLUMNS = """
            SELECT transaction_id, event_time, type, amount_minor, currency, customer_pseudonym,
                   customer_balance_before, customer_balance_after, counterparty_pseudonym,
                   counterparty_balance_before, counterparty_balance_after, card_token, card_bin, card_last4, context
            FROM transactions WHERE legal_basis IS NULL
              AND NOT EXISTS (SELECT 1 FROM subject_processing_limits l
                              WHERE l.subject_pseudonym = transactions.customer_pseudonym)""";

    private final AgroalDataSource dataSource;

    TransactionExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Which rows: an event-time range {@code [from, to)}, an import job ({@code imp-42}), or both.
     *
     * @param from      first event time included, or {@code null}
     * @param to        first event time excluded, or {@code null}
     * @param importJob the import job whose rows to export, or {@code null}
     */
    public record Selection(Instant from, Instant to, String importJob) {
    }

    /** Writes the selected rows to {@code out} in event-time order; returns how many. */
    public long write(Selection selection, OutputStream out) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        if (selection.from() != null) {
            sql.append(" AND event_time >= ?");
        }
        if (selection.to() != null) {
            sql.append(" AND event_time < ?");
        }
        if (selection.importJob() != null) {
            sql.append(" AND source_kind = 'FILE' AND source_ref LIKE ? ESCAPE '\\'");
        }
        sql.append(" ORDER BY event_time, transaction_id");
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL only streams with a cursor inside a transaction; this one only reads
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(sql.toString(),
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(FETCH_SIZE);
                int p = 1;
                if (selection.from() != null) {
                    select.setTimestamp(p++, Timestamp.from(selection.from()));
                }
                if (selection.to() != null) {
                    select.setTimestamp(p++, Timestamp.from(selection.to()));
                }
                if (selection.importJob() != null) {
                    select.setString(p, likeEscaped(selection.importJob()) + ":%");
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        out.write(JSON.writeValueAsBytes(masked(row)));
                        out.write(NEWLINE);
                        rows++;
                    }
                }
                out.flush();
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            // the client went away: nothing to answer any more
            LOG.debugf("export stopped after %d rows: %s", rows, e.getClass().getSimpleName());
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static MaskedTransaction masked(ResultSet row) throws SQLException, IOException {
        String token = row.getString(12);
        String context = row.getString(15);
        return new MaskedTransaction(row.getString(1), row.getTimestamp(2).toInstant(),
                TransactionType.valueOf(row.getString(3)), row.getLong(4), row.getString(5),
                new MaskedParty(row.getString(6), longOrNull(row, 7), longOrNull(row, 8)),
                new MaskedParty(row.getString(9), longOrNull(row, 10), longOrNull(row, 11)),
                token == null ? null : new MaskedCard(token, row.getString(13), row.getString(14)),
                context == null ? null : JSON.readValue(context, MaskedContext.class));
    }

    private static Long longOrNull(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
