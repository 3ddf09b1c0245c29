package io.openfraud.feature.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.config.FeatureConfig;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.feature.state.StoreUnavailableException;
import io.openfraud.features.EntityStates;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.openfraud.features.online.StateStore;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Feature vectors and entity state over Redis, with the {@code fraud-features} code: on demand (REST, never changing
 * state; Redis trouble answers 503) and for the stream (vector, then fold once; Redis trouble pauses the stream until
 * Redis answers again, so nothing is lost or counted twice).
 */
@ApplicationScoped
public class FeatureService {

    private static final Logger LOG = Logger.getLogger(FeatureService.class);

    private final RedisStateStore store;
    private final FeatureConfig config;
    private final Counter folded;
    private final Counter duplicates;
    private final Counter storeRetries;
    private final Counter batchConflicts;

    FeatureService(RedisStateStore store, FeatureConfig config, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.folded = Counter.builder("features.folded").description("transactions folded into entity state")
                .register(registry);
        this.duplicates = Counter.builder("features.duplicates")
                .description("redeliveries, duplicates and SYNC copies not folded again").register(registry);
        this.storeRetries = Counter.builder("features.store.retries")
                .description("stream attempts repeated because Redis did not answer").register(registry);
        this.batchConflicts = Counter.builder("features.batch.conflicts")
                .description("stream batches committed one transaction at a time because their state changed")
                .register(registry);
    }

    /** A vector and the feature-set version that produced it, in the feature set's order. */
    public record Vector(String transactionId, Map<String, Double> features) {
    }

    /**
     * The vector of one transaction from the state before it, without blocking (one pipelined Redis round trip, then
     * the features on the calling thread); no state changes. Fails with a 400 problem for an invalid transaction and
     * a 503 problem when Redis does not answer within {@code openfraud.features.store-timeout}.
     */
    public Uni<Map<String, Double>> vector(MaskedTransaction t) {
        try {
            requireValid(Collections.singletonList(t));
        } catch (ProblemException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        return store.loadAsync(t)
                .onFailure(StoreUnavailableException.class).transform(e -> unavailable())
                .map(before -> FeatureSet.asMap(OnlineFeatures.vector(t, before)));
    }

    /** Vectors of many transactions, each from the current state (none sees the others), in one Redis round trip. */
    public List<Vector> vectors(List<MaskedTransaction> transactions) {
        if (transactions == null || transactions.isEmpty() || transactions.size() > config.maxBatch()) {
            throw ProblemException.badRequest("Between 1 and " + config.maxBatch() + " transactions are required.",
                    List.of(new FieldError("transactions", "must hold 1 to " + config.maxBatch() + " items")));
        }
        requireValid(transactions);
        List<Snapshot> snapshots = onDemand(() -> store.loadAll(transactions));
        List<Vector> vectors = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            MaskedTransaction t = transactions.get(i);
            vectors.add(new Vector(t.transactionId(), FeatureSet.asMap(OnlineFeatures.vector(t, snapshots.get(i)))));
        }
        return vectors;
    }

    /** One entity's state, if any. */
    public Optional<EntityState> entity(EntityKind kind, String token) {
        EntityState state = onDemand(() -> store.entity(kind, token));
        return state == EntityState.EMPTY ? Optional.empty() : Optional.of(state);
    }

    /**
     * A transaction of a stream batch, ready to publish and fold.
     *
     * @param transaction the transaction
     * @param features    its vector, from its entities' state before it (earlier transactions of the batch included)
     * @param fold        what to commit once the vector is published
     */
    public record Prepared(MaskedTransaction transaction, Map<String, Double> features, RedisStateStore.Fold fold) {
    }

    /**
     * Stream step for a batch, in order: one pipelined read, then each transaction's vector from the state before
     * it, the batch's own folds carried over from one transaction to the next. Transactions folded already (or
     * repeated within the batch) are left out. Waits for Redis while it is down.
     */
    public List<Prepared> prepare(List<MaskedTransaction> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Snapshot> snapshots = untilAnswered(() -> store.loadAll(batch));
        Map<EntityKey, EntityState> carried = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Prepared> prepared = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            MaskedTransaction t = batch.get(i);
            Snapshot read = snapshots.get(i);
            if (read.folded() || !seen.add(t.transactionId())) {
                duplicates.increment();
                continue;
            }
            EntityStates states = read.states();
            List<EntityKey> keys = EntityStates.keysOf(t);
            for (EntityKey key : keys) {
                EntityState latest = carried.get(key);
                if (latest != null) {
                    states = states.with(key.kind(), latest);
                }
            }
            Snapshot before = new Snapshot(false, read.erased(), states);
            EntityStates after = FeatureSet.fold(t, states, !read.erased());
            keys.forEach(key -> carried.put(key, after.get(key.kind())));
            prepared.add(new Prepared(t, FeatureSet.asMap(OnlineFeatures.vector(t, before)),
                    new RedisStateStore.Fold(t, before, after)));
        }
        return prepared;
    }

    /** Batch commits tried (each from a fresh read) before the batch is committed transaction by transaction. */
    static final int BATCH_ATTEMPTS = 3;

    /**
     * Serialises this JVM's commits: the copies of the stream ({@code concurrency}) share hot entities (a merchant
     * many customers pay), and two optimistic writers of one entity could otherwise keep invalidating each other's
     * reads (measured: 6,000 transactions to one counterparty from two copies made a fold give up after
     * {@link OnlineFeatures#MAX_ATTEMPTS} conflicts and stopped the channel). Reading, computing and publishing still
     * overlap; only the short commit script waits.
     */
    private final Object commitLock = new Object();

    /**
     * Stream step: commits a batch's folds in one atomic script if nothing they were read from changed. If something
     * did (the other copy of the stream, another replica, an erasure, a marker), the batch is read and folded again
     * and committed whole, up to {@link #BATCH_ATTEMPTS} times; then one script per fold, where a fold that meets a
     * concurrent writer is read and folded again on its own. Waits for Redis while it is down.
     */
    public void commit(List<Prepared> prepared) {
        if (prepared.isEmpty()) {
            return;
        }
        synchronized (commitLock) {
            List<Prepared> current = prepared;
            for (int attempt = 1; ; attempt++) {
                List<RedisStateStore.Fold> folds = current.stream().map(Prepared::fold).toList();
                if (untilAnswered(() -> store.commitBatch(folds))) {
                    folded.increment(folds.size());
                    return;
                }
                batchConflicts.increment();
                if (attempt == BATCH_ATTEMPTS) {
                    commitOneByOne(folds);
                    return;
                }
                // The vectors are published already; the folds are recomputed from what is stored now.
                current = prepare(current.stream().map(Prepared::transaction).toList());
                if (current.isEmpty()) {
                    return;
                }
            }
        }
    }

    private void commitOneByOne(List<RedisStateStore.Fold> folds) {
        List<StateStore.Commit> commits = untilAnswered(() -> store.commitAll(folds));
        for (int i = 0; i < commits.size(); i++) {
            StateStore.Commit commit = commits.get(i);
            if (commit == StateStore.Commit.CONFLICT) {
                MaskedTransaction t = folds.get(i).transaction();
                commit = untilAnswered(() -> OnlineFeatures.foldOnce(store, t, store.load(t)));
            }
            if (commit == StateStore.Commit.FOLDED) {
                folded.increment();
            } else {
                duplicates.increment();
            }
        }
    }

    private <T> T onDemand(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "The feature store is unavailable; try again shortly.");
    }

    /** Repeats {@code call} while Redis does not answer, pausing with a capped exponential backoff. */
    private <T> T untilAnswered(Supplier<T> call) {
        Duration pause = config.streamRetryInitial();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                storeRetries.increment();
                if (attempt == 1 || attempt % 50 == 0) {
                    LOG.warnf("feature store unavailable, stream paused (attempt %d): %s", attempt, e.getMessage());
                }
                try {
                    Thread.sleep(pause.toMillis()); // a backoff between attempts, not a synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(config.streamRetryMax()) > 0 ? config.streamRetryMax()
                        : pause.multipliedBy(2);
            }
        }
    }

    private static void requireValid(List<MaskedTransaction> transactions) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < transactions.size(); i++) {
            MaskedTransaction t = transactions.get(i);
            String at = transactions.size() == 1 ? "" : "[" + i + "].";
            if (t == null) {
                errors.add(new FieldError(at.isEmpty() ? "transaction" : "[" + i + "]", "is required"));
                continue;
            }
            if (t.transactionId() == null || t.transactionId().isBlank()) {
                errors.add(new FieldError(at + "transactionId", "is required"));
            }
            if (t.timestamp() == null) {
                errors.add(new FieldError(at + "timestamp", "is required"));
            }
            if (t.type() == null) {
                errors.add(new FieldError(at + "type", "is required"));
            }
            if (t.amountMinor() <= 0) {
                errors.add(new FieldError(at + "amountMinor", "must be positive"));
            }
            if (t.currency() == null) {
                errors.add(new FieldError(at + "currency", "is required"));
            }
            if (t.customer() == null || t.customer().pseudonym() == null || t.customer().pseudonym().isBlank()) {
                errors.add(new FieldError(at + "customer.pseudonym", "is required"));
            }
            if (t.counterparty() == null || t.counterparty().pseudonym() == null
                    || t.counterparty().pseudonym().isBlank()) {
                errors.add(new FieldError(at + "counterparty.pseudonym", "is required"));
            }
            if (t.card() != null && (t.card().token() == null || t.card().token().isBlank())) {
                errors.add(new FieldError(at + "card.token", "is required with a card"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The transaction has invalid fields.", errors);
        }
    }
}
