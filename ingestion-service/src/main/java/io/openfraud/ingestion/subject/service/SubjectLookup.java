package io.openfraud.ingestion.subject.service;

import io.agroal.api.AgroalDataSource;
import io.openfraud.ingestion.vault.PersonalDataVault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.List;

/**
 * Finds data subjects by e-mail address through the vault's blind index, for requests that name a person rather than a
 * pseudonym. The address is neither stored nor logged.
 */
@ApplicationScoped
public class SubjectLookup {

    private final AgroalDataSource dataSource;
    private final PersonalDataVault vault;

    SubjectLookup(AgroalDataSource dataSource, PersonalDataVault vault) {
        this.dataSource = dataSource;
        this.vault = vault;
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
