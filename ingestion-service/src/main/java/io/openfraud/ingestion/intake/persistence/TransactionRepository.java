package io.openfraud.ingestion.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes {@link TransactionEntity}, keyed by the client's transactionId. */
@ApplicationScoped
public class TransactionRepository implements PanacheRepositoryBase<TransactionEntity, String> {
}
