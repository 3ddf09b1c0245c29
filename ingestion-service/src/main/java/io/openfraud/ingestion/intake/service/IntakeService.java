package io.openfraud.ingestion.intake.service;

import io.openfraud.events.Topics;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.intake.persistence.TransactionRepository;
import io.openfraud.ingestion.intake.persistence.TransactionWriter;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.outbox.Outbox;
import io.openfraud.ingestion.subject.service.RetentionConfig;
import io.openfraud.ingestion.vault.PersonalDataVault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.hibernate.Session;
import java.util.Optional;

/**
 * Accepts a validated canonical transaction: masks it, stores it once (the client's transactionId is the idempotency
 * key) and, in the same database transaction, writes the {@code transactions.validated} event to the outbox, which
 * the relay publishes right after the commit (io.openfraud.ingestion.outbox). A crash after the commit therefore
 * loses nothing: the relay publishes the row after the restart, with the same event id. A duplicate is answered as
 * such and not published again. A version 2 transaction's person goes to the vault, encrypted, in that same
 * transaction.
 */
@ApplicationScoped
public class IntakeService {

    private final MaskingService masking;
    private final Outbox outbox;
    private final TransactionRepository transactions;
    private final Session session;
    private final PersonalDataVault vault;
    private final RetentionConfig retention;

    IntakeService(MaskingService masking, Outbox outbox, TransactionRepository transactions, Session session,
            PersonalDataVault vault, RetentionConfig retention) {
        this.masking = masking;
        this.outbox = outbox;
        this.transactions = transactions;
        this.session = session;
        this.vault = vault;
        this.retention = retention;
    }

    /** Outcome of one intake. */
    public enum Outcome {
        ACCEPTED, DUPLICATE
    }

    /**
     * A masked transaction ready to store, with its lineage.
     *
     * @param validated what will be published
     * @param admitted  what the quality gate said of it
     * @param source    where it came from
     */
    public record Prepared(ValidatedTransaction validated, Admitted admitted, Source source) {
    }

    /** Masks an admitted transaction for the asynchronous path (a masking failure is a 400 problem). */
    public Prepared prepare(Admitted admitted, Source source, Instant receivedAt) {
        MaskedTransaction masked = masking.mask(admitted.transaction());
        return new Prepared(new ValidatedTransaction(masked, ProcessingPath.ASYNC, null, admitted.warnings(),
                receivedAt), admitted, source);
    }

    /** The asynchronous path for one transaction: stored and put in the outbox, for the stream to score. */
    public Outcome accept(Admitted admitted, Source source) {
        return acceptAll(List.of(prepare(admitted, source, Instant.now()))).get(0);
    }

    /**
     * Stores every prepared transaction whose id is new, and its {@code transactions.validated} event in the outbox,
     * in one database transaction and a few statements (the bulk paths); the outcome of each, in order. An id seen
     * twice in {@code items} is stored once, at its first occurrence.
     */
    public List<Outcome> acceptAll(List<Prepared> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> store(items));
    }

    /**
     * {@link #acceptAll(List)}, then {@code alongside} with the outcomes, in the same database transaction: what it
     * writes (more outbox events, a job's progress) commits or rolls back with the rows. Runs even for no items.
     */
    public List<Outcome> acceptAll(List<Prepared> items, Consumer<List<Outcome>> alongside) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Outcome> outcomes = items.isEmpty() ? List.of() : store(items);
            alongside.accept(outcomes);
            return outcomes;
        });
    }

    /**
     * Where a chunk's write time went, in nanoseconds (added to by {@link #acceptChunk}; one writer thread).
     */
    public static final class WriteTimes {
        /** COPY of the rows (with the duplicate check). */
        public long rows;
        /** The vault (people encrypted and upserted). */
        public long vault;
        /** Encoding the events and writing the outbox batch row. */
        public long events;
        /** What the caller added alongside (labels, job counts). */
        public long alongside;
        /** The commit (its fsync) and the transaction's own overhead. */
        public long commit;
    }

    /**
     * The import path: {@link #acceptAll(List, Consumer)} with the rows written by {@code COPY} and every event of the
     * chunk, the {@code transactions.validated} ones and those {@code alongside} adds to the batch (labels), in one
     * outbox row that the relay publishes as one record per event (io.openfraud.ingestion.outbox.Outbox.Batch).
     */
    public List<Outcome> acceptChunk(List<Prepared> items, BiConsumer<List<Outcome>, Outbox.Batch> alongside,
            WriteTimes times) {
        long start = System.nanoTime();
        long[] beforeCommit = new long[1];
        List<Outcome> result = QuarkusTransaction.requiringNew().call(() -> {
            Outbox.Batch batch = outbox.newBatch();
            List<Outcome> outcomes = items.isEmpty() ? List.of() : store(items, batch, times);
            long t0 = System.nanoTime();
            alongside.accept(outcomes, batch);
            long t1 = System.nanoTime();
            outbox.enqueue(batch);
            long t2 = System.nanoTime();
            times.alongside += t1 - t0;
            times.events += t2 - t1;
            beforeCommit[0] = t2;
            return outcomes;
        });
        long end = System.nanoTime();
        times.commit += end - beforeCommit[0];
        return result;
    }

    private List<Outcome> store(List<Prepared> items) {
        return store(items, null, null);
    }

    /** Stores the rows; their events go to {@code batch} (the import path, COPY) or to the outbox one row each. */
    private List<Outcome> store(List<Prepared> items, Outbox.Batch batch, WriteTimes times) {
        long t0 = System.nanoTime();
        List<TransactionWriter.Row> rows = new ArrayList<>(items.size());
        for (Prepared item : items) {
            rows.add(new TransactionWriter.Row(item.validated(), item.source().kind().name(),
                    item.source().ref(), item.admitted().schemaVersion(), item.admitted().ruleSetVersion(),
                    masking.keyId(), retention.deleteAfter(item.validated().transaction().timestamp())));
        }
        Set<String> inserted = new HashSet<>();
        session.doWork(connection -> inserted.addAll(batch == null ? TransactionWriter.insertNew(connection, rows)
                : TransactionWriter.copyNew(connection, rows)));
        long t1 = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>(items.size());
        List<Outbox.Keyed<ValidatedTransaction>> events = new ArrayList<>(inserted.size());
        List<PersonalDataVault.Entry> people = new ArrayList<>();
        for (Prepared item : items) {
            MaskedTransaction masked = item.validated().transaction();
            if (inserted.remove(masked.transactionId())) {
                outcomes.add(Outcome.ACCEPTED);
                events.add(new Outbox.Keyed<>(masked.customer().pseudonym(), item.validated()));
                // A record replayed from the quarantine has no original transaction, hence no person.
                Transaction.Person person = item.admitted().transaction() == null ? null
                        : item.admitted().transaction().customer().person();
                if (person != null) {
                    people.add(new PersonalDataVault.Entry(masked.customer().pseudonym(), masked.timestamp(),
                            person));
                }
            } else {
                outcomes.add(Outcome.DUPLICATE);
            }
        }
        // the person only encrypted, in the same transaction as the row (io.openfraud.ingestion.vault)
        session.doWork(connection -> vault.store(connection, people));
        long t2 = System.nanoTime();
        Instant now = Instant.now();
        if (batch == null) {
            outbox.enqueueAll(Topics.TRANSACTIONS_VALIDATED, events, now);
        } else {
            for (Outbox.Keyed<ValidatedTransaction> event : events) {
                batch.add(Topics.TRANSACTIONS_VALIDATED, event.key(), event.payload(), now);
            }
        }
        if (times != null) {
            long t3 = System.nanoTime();
            times.rows += t1 - t0;
            times.vault += t2 - t1;
            times.events += t3 - t2;
        }
        return outcomes;
    }

    /** Masks without storing (the synchronous path scores before it stores). */
    public MaskedTransaction mask(Transaction transaction) {
        return masking.mask(transaction);
    }

    /**
     * Stores the masked transaction, with its verdict if it has one (the synchronous path), unless its id is already
     * known, and writes {@code validated} to the outbox in the same transaction; returns whether it was new.
     */
    public boolean storeIfNew(ValidatedTransaction validated, Admitted admitted, Source source) {
        return acceptAll(List.of(new Prepared(validated, admitted, source))).get(0) == Outcome.ACCEPTED;
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
