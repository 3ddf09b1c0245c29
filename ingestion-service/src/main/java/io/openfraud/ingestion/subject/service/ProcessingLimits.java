package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.gdpr.StoreEffect.Effect;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Restriction (Art. 18) and objection (Art. 21): the subject's transactions stay stored for fraud prevention and AML,
 * but leave the retraining export until the restriction is lifted. Idempotent.
 */
@ApplicationScoped
public class ProcessingLimits {

    static final String LIMITS = "postgresql:ingestion.subject_processing_limits";

    private final AgroalDataSource dataSource;

    ProcessingLimits(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies RESTRICT, OBJECT or LIFT_RESTRICTION; the evidence, per store. */
    public List<StoreEffect> apply(Action action, String pseudonym, String requestId, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (action == Action.LIFT_RESTRICTION) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                            + "subject_processing_limits WHERE subject_pseudonym = ? AND kind = 'RESTRICT'")) {
                        delete.setString(1, pseudonym);
                        delete.executeUpdate();
                    }
                } else {
                    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO "
                            + "subject_processing_limits (subject_pseudonym, kind, request_id, since) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (subject_pseudonym, kind) DO NOTHING")) {
                        upsert.setString(1, pseudonym);
                        upsert.setString(2, action == Action.RESTRICT ? "RESTRICT" : "OBJECT");
                        upsert.setString(3, requestId);
                        upsert.setTimestamp(4, Timestamp.from(at));
                        upsert.executeUpdate();
                    }
                }
                long transactions = count(connection, pseudonym);
                boolean limited = isLimited(connection, pseudonym);
                // RETAINED names its deletion date (the contract requires it): the last of the subject's rows goes
                // then; with no rows nothing is held, so today.
                LocalDate deleteAfter = lastDeleteAfter(connection, pseudonym)
                        .orElse(LocalDate.ofInstant(at, ZoneOffset.UTC));
                return List.of(new StoreEffect(SubjectDataService.TRANSACTIONS, "*", transactions, Effect.RETAINED,
                        limited ? "kept for fraud prevention and AML; excluded from training and exports "
                                + "(Art. 18/21)" : "processing resumed (restriction lifted)", deleteAfter));
            }
        });
    }

    private static long count(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM transactions WHERE customer_pseudonym = ?")) {
            query.setString(1, pseudonym);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Optional<LocalDate> lastDeleteAfter(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT max(delete_after) FROM transactions WHERE customer_pseudonym = ?")) {
            query.setString(1, pseudonym);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                Timestamp last = result.getTimestamp(1);
                return last == null ? Optional.empty()
                        : Optional.of(LocalDate.ofInstant(last.toInstant(), ZoneOffset.UTC));
            }
        }
    }

    private static boolean isLimited(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM subject_processing_limits WHERE subject_pseudonym = ?")) {
            query.setString(1, pseudonym);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
