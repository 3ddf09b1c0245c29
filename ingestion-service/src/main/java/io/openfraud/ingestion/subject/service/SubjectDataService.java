package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.Services;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.gdpr.StoreEffect.Effect;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.subject.SubjectDataReport.SubjectRecord;
import io.openfraud.ingestion.vault.PersonalDataVault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The subject-data interface of ingestion (RGPD Art. 15, 17, 20; {@code io.openfraud.events.subject.SubjectDataApi}):
 * what ingestion holds about a data subject, and their erasure. Erasure destroys the subject's data key and personal
 * data (crypto-shredding), strips what was derived from the personal data from their transactions, deletes the masked
 * data-quality examples, and keeps the transactions themselves, pseudonymised, for the anti-money-laundering record
 * keeping (legal basis and {@code delete_after} on each row; {@link RetentionPurge} deletes them afterwards).
 */
@ApplicationScoped
public class SubjectDataService {

    static final String TRANSACTIONS = "postgresql:ingestion.transactions";
    static final String REVIEWS = "postgresql:ingestion.transaction_reviews";
    static final String KEYS = "postgresql:ingestion.subject_keys";
    static final String PERSONAL_DATA = "postgresql:ingestion.subject_personal_data";
    static final String QUALITY_EXAMPLES = "postgresql:ingestion.quality_examples";
    static final String QUARANTINE = "postgresql:ingestion.quarantine";
    private static final String FRAUD_PREVENTION = "fraud prevention";
    private static final String LEGITIMATE_INTEREST = "legitimate interest (Art. 6(1)(f))";
    private static final String SOURCE = "the payment system that sent the transactions";
    /** Context members derived from the personal data; not needed for AML record keeping, so erased. */
    private static final String DERIVED = "ARRAY['customerAgeYears','distanceKm','cityPopulation']";
    private static final Logger LOG = Logger.getLogger(SubjectDataService.class);

    private final AgroalDataSource dataSource;
    private final PersonalDataVault vault;
    private final RetentionConfig retention;
    private final Clock clock;

    SubjectDataService(AgroalDataSource dataSource, PersonalDataVault vault, RetentionConfig retention) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.retention = retention;
        this.clock = Clock.systemUTC();
    }

    /** What ingestion holds about the subject: their transactions, personal data and masked rejected records. */
    public SubjectDataReport report(String pseudonym) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<SubjectRecord> records = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                List<Map<String, Object>> transactions = transactions(connection, pseudonym);
                if (!transactions.isEmpty()) {
                    records.add(new SubjectRecord(TRANSACTIONS, "transaction summary", FRAUD_PREVENTION,
                            LEGITIMATE_INTEREST, retention(transactions), SOURCE, true,
                            List.of(summary(transactions))));
                    records.add(new SubjectRecord(TRANSACTIONS, "transaction (masked), decision and review",
                            FRAUD_PREVENTION, LEGITIMATE_INTEREST, retention(transactions), SOURCE, true,
                            transactions));
                }
                var person = vault.read(connection, pseudonym);
                if (person.isPresent()) {
                    Map<String, Object> data = new LinkedHashMap<>(person.get().person());
                    data.put("updatedAt", person.get().updatedAt().toString());
                    records.add(new SubjectRecord(PERSONAL_DATA, "identity, contact and address",
                            FRAUD_PREVENTION + " (derived features: age, distance to the merchant, city population)",
                            LEGITIMATE_INTEREST, "until erasure; encrypted with a key of this subject alone", SOURCE,
                            true, List.of(data)));
                }
                List<Map<String, Object>> examples = qualityExamples(connection, pseudonym);
                if (!examples.isEmpty()) {
                    records.add(new SubjectRecord(QUALITY_EXAMPLES, "rejected or warned record (masked)",
                            "data quality", LEGITIMATE_INTEREST, "until the data-quality report is cleaned up or "
                            + "erasure", SOURCE, false, examples));
                }
                List<Map<String, Object>> quarantined = quarantine(connection, pseudonym);
                if (!quarantined.isEmpty()) {
                    records.add(new SubjectRecord(QUARANTINE, "rejected record awaiting a rule fix (masked)",
                            "data quality", LEGITIMATE_INTEREST, "until replayed, discarded or erasure", SOURCE, false,
                            quarantined));
                }
            }
            return new SubjectDataReport(Services.INGESTION, pseudonym, clock.instant(), records);
        });
    }

    /** Erases the subject (idempotent: a repeat reports the same stores with {@code records: 0}). */
    public ErasureReport erase(String pseudonym) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<StoreEffect> effects = new ArrayList<>();
            try (Connection connection = dataSource.getConnection()) {
                PersonalDataVault.Shredded shredded = vault.shred(connection, pseudonym);
                effects.add(new StoreEffect(KEYS, "wrapped_key", shredded.keys(), Effect.ERASED, null, null));
                effects.add(new StoreEffect(PERSONAL_DATA, "ciphertext, nonce, email_index",
                        shredded.personalData(), Effect.ERASED, null, null));
                long derived = update(connection, "UPDATE transactions SET context = NULLIF(context - " + DERIVED
                        + ", '{}'::jsonb) WHERE customer_pseudonym = ? AND jsonb_exists_any(context, " + DERIVED
                        + ")", pseudonym);
                effects.add(new StoreEffect(TRANSACTIONS, "context.customerAgeYears, context.distanceKm, "
                        + "context.cityPopulation", derived, Effect.ERASED, null, null));
                long examples = update(connection,
                        "DELETE FROM quality_examples WHERE masked_record -> 'customer' ->> 'id' = ?", pseudonym);
                effects.add(new StoreEffect(QUALITY_EXAMPLES, "masked_record", examples, Effect.ERASED, null, null));
                long quarantined = update(connection,
                        "DELETE FROM quarantine WHERE masked_record -> 'customer' ->> 'id' = ?", pseudonym);
                effects.add(new StoreEffect(QUARANTINE, "masked_record, violations", quarantined, Effect.ERASED, null,
                        null));
                long[] retained = retain(connection, pseudonym);
                LocalDate deleteAfter = deleteAfter(connection, pseudonym);
                effects.add(new StoreEffect(TRANSACTIONS, "customer_pseudonym", retained[0], Effect.RETAINED,
                        retention.legalBasis(), deleteAfter));
                effects.add(new StoreEffect(REVIEWS, "transaction_id", retained[1], Effect.RETAINED,
                        retention.legalBasis(), deleteAfter));
                LOG.infof("erased subject %s: %d key(s) destroyed, %d transaction(s) retained", pseudonym,
                        shredded.keys(), retained[0]);
            }
            return new ErasureReport(Services.INGESTION, pseudonym, clock.instant(), effects);
        });
    }

    /** The subject's quarantined records: when, why (rule ids) and their status; the masked record stays inside. */
    private static List<Map<String, Object>> quarantine(Connection connection, String pseudonym) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, received_at, channel, status, "
                + "array_to_string(rule_ids, ',') FROM quarantine WHERE masked_record -> 'customer' ->> 'id' = ? "
                + "ORDER BY id")) {
            query.setString(1, pseudonym);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("quarantineId", result.getLong(1));
                    row.put("receivedAt", result.getTimestamp(2).toInstant().toString());
                    row.put("channel", result.getString(3));
                    row.put("status", result.getString(4));
                    row.put("rules", result.getString(5));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Marks the subject's transactions not yet retained; their count and the count of their reviews. */
    private long[] retain(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                WITH retained AS (
                    UPDATE transactions SET legal_basis = ?,
                        delete_after = COALESCE(delete_after, event_time + make_interval(years => ?))
                    WHERE customer_pseudonym = ? AND legal_basis IS NULL RETURNING transaction_id)
                SELECT (SELECT count(*) FROM retained),
                       (SELECT count(*) FROM transaction_reviews r JOIN retained USING (transaction_id))""")) {
            update.setString(1, retention.legalBasis());
            update.setInt(2, retention.years());
            update.setString(3, pseudonym);
            try (ResultSet counts = update.executeQuery()) {
                counts.next();
                return new long[] {counts.getLong(1), counts.getLong(2)};
            }
        }
    }

    /** The last day any of the subject's transactions is kept (today if none is). */
    private LocalDate deleteAfter(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT max(delete_after) FROM transactions WHERE customer_pseudonym = ?")) {
            select.setString(1, pseudonym);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Timestamp last = row.getTimestamp(1);
                return last == null ? LocalDate.now(clock) : last.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
            }
        }
    }

    private static List<Map<String, Object>> transactions(Connection connection, String pseudonym)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT t.transaction_id, t.event_time, t.type, t.amount_minor, t.currency, t.card_last4,
                       t.decision, t.score, r.final_decision, r.outcome, r.reviewed_at, t.legal_basis,
                       t.delete_after
                FROM transactions t
                LEFT JOIN LATERAL (SELECT final_decision, outcome, reviewed_at FROM transaction_reviews
                                   WHERE transaction_id = t.transaction_id
                                   ORDER BY reviewed_at DESC LIMIT 1) r ON true
                WHERE t.customer_pseudonym = ? ORDER BY t.event_time, t.transaction_id""")) {
            select.setString(1, pseudonym);
            select.setFetchSize(500);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("transactionId", row.getString(1));
                    t.put("timestamp", row.getTimestamp(2).toInstant().toString());
                    t.put("type", row.getString(3));
                    t.put("amountMinor", row.getLong(4));
                    t.put("currency", row.getString(5));
                    putIfPresent(t, "cardLast4", row.getString(6));
                    putIfPresent(t, "decision", row.getString(7));
                    putIfPresent(t, "score", row.getObject(8));
                    putIfPresent(t, "reviewedDecision", row.getString(9));
                    putIfPresent(t, "reviewOutcome", row.getString(10));
                    Timestamp reviewedAt = row.getTimestamp(11);
                    putIfPresent(t, "reviewedAt", reviewedAt == null ? null : reviewedAt.toInstant().toString());
                    putIfPresent(t, "legalBasis", row.getString(12));
                    Timestamp deleteAfter = row.getTimestamp(13);
                    putIfPresent(t, "deleteAfter", deleteAfter == null ? null : deleteAfter.toInstant().toString());
                    rows.add(t);
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> transactions) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("transactions", transactions.size());
        summary.put("firstAt", transactions.get(0).get("timestamp"));
        summary.put("lastAt", transactions.get(transactions.size() - 1).get("timestamp"));
        return summary;
    }

    private String retention(List<Map<String, Object>> transactions) {
        boolean retained = transactions.stream().anyMatch(t -> t.containsKey("legalBasis"));
        return retained ? "kept after erasure: " + retention.legalBasis() + " from each transaction"
                : retention.years() + " years from each transaction (AML record keeping), then deleted; after an "
                        + "erasure kept for that purpose only";
    }

    private static List<Map<String, Object>> qualityExamples(Connection connection, String pseudonym)
            throws SQLException {
        List<Map<String, Object>> examples = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT minute, rule_id, field FROM quality_examples
                WHERE masked_record -> 'customer' ->> 'id' = ? ORDER BY minute, id""")) {
            select.setString(1, pseudonym);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Map<String, Object> example = new LinkedHashMap<>();
                    example.put("minute", row.getTimestamp(1).toInstant().toString());
                    example.put("rule", row.getString(2));
                    putIfPresent(example, "field", row.getString(3));
                    examples.add(example);
                }
            }
        }
        return examples;
    }

    private static long update(Connection connection, String sql, String pseudonym) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, pseudonym);
            return update.executeUpdate();
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
