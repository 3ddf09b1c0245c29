package io.openfraud.ingestion.imports.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.ingestion.imports.persistence.ImportJob.Counts;
import io.openfraud.ingestion.imports.persistence.ImportJob.Status;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The {@code import_jobs} table, in plain SQL on the session's connection. {@link #updateCounts} joins the caller's
 * transaction (the one that stores a chunk of rows), so the counts commit with the rows they count; the other
 * methods run in a transaction of their own.
 */
@ApplicationScoped
public class ImportJobStore {

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, format, file_name, status, bytes_received, rows_read, accepted, "
            + "duplicates, rejected, malformed, labels_published, rejected_by_rule, malformed_reasons, created_at, "
            + "started_at, finished_at, error, file_sha256";

    private final Session session;
    private final ObjectMapper json = new ObjectMapper();

    ImportJobStore(Session session) {
        this.session = session;
    }

    /** A new QUEUED job; returns its id. */
    public long create(String format, String fileName, String requestedBy) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO import_jobs (format, file_name, "
                    + "status, requested_by) VALUES (?, ?, 'QUEUED', ?) RETURNING id")) {
                insert.setString(1, format);
                insert.setString(2, fileName);
                insert.setString(3, requestedBy);
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    return id.getLong(1);
                }
            }
        }));
    }

    public void received(long id, long bytes) {
        update("UPDATE import_jobs SET bytes_received = ? WHERE id = ?", bytes, id);
    }

    public void started(long id, Instant at) {
        update("UPDATE import_jobs SET status = 'RUNNING', started_at = ? WHERE id = ?", Timestamp.from(at), id);
    }

    public void completed(long id, Instant at, String sha256) {
        update("UPDATE import_jobs SET status = 'COMPLETED', finished_at = ?, file_sha256 = ? WHERE id = ?",
                Timestamp.from(at), sha256, id);
    }

    /** Marks the job FAILED with {@code error} (a reason written by the service, never row content). */
    public void failed(long id, Instant at, String error) {
        update("UPDATE import_jobs SET status = 'FAILED', finished_at = ?, started_at = coalesce(started_at, ?), "
                + "error = ? WHERE id = ?", Timestamp.from(at), Timestamp.from(at), truncate(error), id);
    }

    /** Jobs a previous process left QUEUED or RUNNING cannot go on (their spool file is gone): FAILED. */
    public int failUnfinished(Instant at, String error) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement("UPDATE import_jobs SET status = 'FAILED', "
                    + "finished_at = ?, error = ? WHERE status IN ('QUEUED', 'RUNNING')")) {
                sql.setTimestamp(1, Timestamp.from(at));
                sql.setString(2, truncate(error));
                return sql.executeUpdate();
            }
        }));
    }

    /** Writes the counts so far; must run inside the transaction that stores the rows they count. */
    public void updateCounts(long id, Counts counts) {
        session.doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement("UPDATE import_jobs SET rows_read = ?, "
                    + "accepted = ?, duplicates = ?, rejected = ?, malformed = ?, labels_published = ?, "
                    + "rejected_by_rule = ?::jsonb, malformed_reasons = ?::jsonb WHERE id = ?")) {
                sql.setLong(1, counts.rowsRead());
                sql.setLong(2, counts.accepted());
                sql.setLong(3, counts.duplicates());
                sql.setLong(4, counts.rejected());
                sql.setLong(5, counts.malformed());
                sql.setLong(6, counts.labelsPublished());
                sql.setString(7, write(counts.rejectedByRule()));
                sql.setString(8, write(counts.malformedReasons()));
                sql.setLong(9, id);
                sql.executeUpdate();
            }
        });
    }

    public Optional<ImportJob> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM import_jobs WHERE id = ?")) {
                sql.setLong(1, id);
                try (ResultSet row = sql.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<ImportJob>empty();
                }
            }
        }));
    }

    private ImportJob read(ResultSet row) throws SQLException {
        Counts counts = new Counts(row.getLong("rows_read"), row.getLong("accepted"), row.getLong("duplicates"),
                row.getLong("rejected"), row.getLong("malformed"), row.getLong("labels_published"),
                parse(row.getString("rejected_by_rule")), parse(row.getString("malformed_reasons")));
        return new ImportJob(row.getLong("id"), row.getString("format"), row.getString("file_name"),
                Status.valueOf(row.getString("status")), row.getLong("bytes_received"), counts,
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("started_at")),
                instant(row.getTimestamp("finished_at")), row.getString("error"), row.getString("file_sha256"));
    }

    private void update(String statement, Object... values) {
        QuarkusTransaction.requiringNew().run(() -> session.doWork(connection -> {
            try (PreparedStatement sql = connection.prepareStatement(statement)) {
                for (int i = 0; i < values.length; i++) {
                    sql.setObject(i + 1, values[i]);
                }
                sql.executeUpdate();
            }
        }));
    }

    private String write(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> parse(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import_jobs holds JSON it did not write", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 512 ? text : text.substring(0, 509) + "...";
    }
}
