package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.vault.PersonalDataVault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds data subjects by e-mail address (the vault's blind index), by the client's customer identifier (its
 * pseudonym under every configured key) or by card token (the customers of the transactions paid with the card), for
 * requests that name a person rather than a pseudonym. Neither is stored
 * nor logged. Both work across key rotations.
 */
@ApplicationScoped
public class SubjectLookup {

    private final AgroalDataSource dataSource;
    private final PersonalDataVault vault;
    private final MaskingService masking;

    SubjectLookup(AgroalDataSource dataSource, PersonalDataVault vault, MaskingService masking) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.masking = masking;
    }

    /**
     * The pseudonyms ingestion holds for a client's customer identifier: the identifier's pseudonym under every
     * configured masking key (in force and retired), kept where a transaction or a vault key names it. After a key
     * rotation a customer can have one under each key id.
     */
    public List<String> byCustomerId(String customerId) {
        String[] candidates = masking.customerPseudonymsUnderEveryKey(customerId).values().toArray(String[]::new);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> held = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            SELECT DISTINCT p FROM unnest(?::varchar[]) p
                            WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_pseudonym = p)
                               OR EXISTS (SELECT 1 FROM subject_keys k WHERE k.subject_pseudonym = p)
                            ORDER BY 1""")) {
                select.setArray(1, connection.createArrayOf("varchar", candidates));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1));
                    }
                }
            }
            return held;
        });
    }

    /**
     * The customer pseudonyms of the transactions paid with the card whose token is {@code cardToken} (a card shared by
     * several customers names them all); transactions without a customer add nothing.
     */
    public List<String> byCardToken(String cardToken) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> held = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("""
                            SELECT DISTINCT customer_pseudonym FROM transactions
                            WHERE card_token = ? AND customer_pseudonym IS NOT NULL ORDER BY 1""")) {
                select.setString(1, cardToken);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1));
                    }
                }
            }
            return held;
        });
    }

    /** The pseudonyms of the subjects whose latest e-mail address is {@code email}. */
    public List<String> byEmail(String email) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return vault.findByEmail(connection, email);
            }
        });
    }
}
