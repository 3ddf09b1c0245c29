package io.openfraud.ingestion.intake.service;

import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.ingestion.intake.messaging.ValidatedPublisher;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.intake.persistence.TransactionRepository;
import io.openfraud.ingestion.masking.MaskingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepts a validated canonical transaction: masks it, stores it once (the client's transactionId is the idempotency
 * key) and publishes it once the row is committed. A duplicate is answered as such and not published again.
 * (A crash between commit and publication loses the event: the transactional outbox that closes that gap comes with
 * the ingestion issue, #4.)
 */
@ApplicationScoped
public class IntakeService {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final MaskingService masking;
    private final ValidatedPublisher publisher;
    private final TransactionRepository transactions;

    IntakeService(MaskingService masking, ValidatedPublisher publisher, TransactionRepository transactions) {
        this.masking = masking;
        this.publisher = publisher;
        this.transactions = transactions;
    }

    /** Outcome of one intake. */
    public enum Outcome {
        ACCEPTED, DUPLICATE
    }

    /** The asynchronous path: stored, then published for the stream to score. */
    public Outcome accept(Transaction transaction) {
        MaskedTransaction masked = masking.mask(transaction);
        Instant now = Instant.now();
        if (!storeIfNew(masked, ProcessingPath.ASYNC, now)) {
            return Outcome.DUPLICATE;
        }
        publish(new ValidatedTransaction(masked, ProcessingPath.ASYNC, null, List.of(), now));
        return Outcome.ACCEPTED;
    }

    /** Masks without storing (the synchronous path scores before it publishes). */
    public MaskedTransaction mask(Transaction transaction) {
        return masking.mask(transaction);
    }

    /** Stores the masked transaction unless its id is already known; returns whether it was new. */
    public boolean storeIfNew(MaskedTransaction masked, ProcessingPath path, Instant receivedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (transactions.findByIdOptional(masked.transactionId()).isPresent()) {
                return false;
            }
            transactions.persist(TransactionEntity.of(masked, path, receivedAt));
            return true;
        });
    }

    /** Publishes on transactions.validated and waits for the broker's acknowledgement. */
    public void publish(ValidatedTransaction validated) {
        try {
            publisher.publish(validated).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("transactions.validated did not acknowledge in time", e);
        }
    }

    /** Applies a verdict to the stored transaction. */
    public void recordVerdict(String transactionId, Verdict verdict) {
        QuarkusTransaction.requiringNew().run(() -> transactions.findByIdOptional(transactionId).ifPresent(t -> {
            t.decision = verdict.decision().name();
            t.score = verdict.score();
            t.scorer = verdict.scorer().name();
            t.modelVersion = verdict.modelVersion();
        }));
    }

    public Optional<TransactionEntity> find(String transactionId) {
        return QuarkusTransaction.requiringNew().call(() -> transactions.findByIdOptional(transactionId));
    }
}
