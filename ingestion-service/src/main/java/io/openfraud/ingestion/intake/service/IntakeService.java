package io.openfraud.ingestion.intake.service;

import io.openfraud.events.Topics;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.intake.persistence.TransactionRepository;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a validated canonical transaction: masks it, stores it once (the client's transactionId is the idempotency
 * key) and, in the same database transaction, writes the {@code transactions.validated} event to the outbox, which
 * the relay publishes right after the commit (io.openfraud.ingestion.outbox). A crash after the commit therefore
 * loses nothing: the relay publishes the row after the restart, with the same event id. A duplicate is answered as
 * such and not published again.
 */
@ApplicationScoped
public class IntakeService {

    private final MaskingService masking;
    private final Outbox outbox;
    private final TransactionRepository transactions;

    IntakeService(MaskingService masking, Outbox outbox, TransactionRepository transactions) {
        this.masking = masking;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /** Outcome of one intake. */
    public enum Outcome {
        ACCEPTED, DUPLICATE
    }

    /** The asynchronous path: stored and put in the outbox, for the stream to score. */
    public Outcome accept(Transaction transaction, List<String> warnings) {
        MaskedTransaction masked = masking.mask(transaction);
        ValidatedTransaction validated = new ValidatedTransaction(masked, ProcessingPath.ASYNC, null, warnings,
                Instant.now());
        return storeIfNew(validated) ? Outcome.ACCEPTED : Outcome.DUPLICATE;
    }

    /** Masks without storing (the synchronous path scores before it stores). */
    public MaskedTransaction mask(Transaction transaction) {
        return masking.mask(transaction);
    }

    /**
     * Stores the masked transaction, with its verdict if it has one (the synchronous path), unless its id is already
     * known, and writes {@code validated} to the outbox in the same transaction; returns whether it was new.
     */
    public boolean storeIfNew(ValidatedTransaction validated) {
        MaskedTransaction masked = validated.transaction();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (transactions.findByIdOptional(masked.transactionId()).isPresent()) {
                return false;
            }
            TransactionEntity entity = TransactionEntity.of(masked, validated.path(), validated.ingestedAt());
            if (validated.verdict() != null) {
                apply(validated.verdict(), entity);
            }
            transactions.persist(entity);
            outbox.enqueue(Topics.TRANSACTIONS_VALIDATED, masked.customer().pseudonym(), validated,
                    validated.ingestedAt());
            return true;
        });
    }

    /** Applies a verdict to the stored transaction. */
    public void recordVerdict(String transactionId, Verdict verdict) {
        QuarkusTransaction.requiringNew().run(() -> transactions.findByIdOptional(transactionId)
                .ifPresent(t -> apply(verdict, t)));
    }

    private static void apply(Verdict verdict, TransactionEntity t) {
        t.decision = verdict.decision().name();
        t.score = verdict.score();
        t.scorer = verdict.scorer().name();
        t.modelVersion = verdict.modelVersion();
    }

    public Optional<TransactionEntity> find(String transactionId) {
        return QuarkusTransaction.requiringNew().call(() -> transactions.findByIdOptional(transactionId));
    }
}
