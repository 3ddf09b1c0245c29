package io.openfraud.ingestion.review.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.label.ReviewedDecision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Human reviews of automated decisions ({@code decisions.reviewed}), kept beside the decision of record (table
 * {@code transaction_reviews}). A review may arrive before its transaction: it is kept and shows once the transaction
 * is stored.
 */
@ApplicationScoped
public class ReviewService {

    private final AgroalDataSource dataSource;

    ReviewService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The latest review of a transaction.
     *
     * @param caseId           the alert or data-subject request that asked for it
     * @param originalDecision what the platform had decided
     * @param finalDecision    what the reviewer decided
     * @param outcome          the reviewer's finding (FRAUD or LEGIT), the reason of the final decision
     * @param reviewer         pseudonymous id of the reviewer
     * @param reviewedAt       when the review was completed
     */
    public record Review(String caseId, String originalDecision, String finalDecision, String outcome,
            String reviewer, Instant reviewedAt) {
    }

    /** Stores a review once per event id (a redelivery is a no-op); returns whether it was new. */
    public boolean record(UUID eventId, ReviewedDecision review) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO transaction_reviews (event_id, transaction_id, case_id, original_decision,
                                final_decision, outcome, reviewer, reviewed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")) {
                insert.setObject(1, eventId);
                insert.setString(2, review.transactionId());
                insert.setString(3, review.caseId());
                insert.setString(4, review.originalDecision().name());
                insert.setString(5, review.finalDecision().name());
                insert.setString(6, review.outcome().name());
                insert.setString(7, review.reviewer());
                insert.setTimestamp(8, Timestamp.from(review.reviewedAt()));
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** The latest review of {@code transactionId}, if any. */
    public Optional<Review> latest(String transactionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT case_id, original_decision, final_decision, outcome, reviewer, reviewed_at
                        FROM transaction_reviews WHERE transaction_id = ?
                        ORDER BY reviewed_at DESC, received_at DESC LIMIT 1""")) {
            select.setString(1, transactionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Review(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getTimestamp(6).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read reviews", e);
        }
    }
}
