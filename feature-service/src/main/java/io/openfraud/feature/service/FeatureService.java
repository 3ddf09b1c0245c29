package io.openfraud.feature.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.config.FeatureConfig;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.feature.state.StoreUnavailableException;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.openfraud.features.online.StateStore;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    FeatureService(RedisStateStore store, FeatureConfig config, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.folded = Counter.builder("features.folded").description("transactions folded into entity state")
                .register(registry);
        this.duplicates = Counter.builder("features.duplicates")
                .description("redeliveries, duplicates and SYNC copies not folded again").register(registry);
        this.storeRetries = Counter.builder("features.store.retries")
                .description("stream attempts repeated because Redis did not answer").register(registry);
    }

    /** A vector and the feature-set version that produced it, in the feature set's order. */
    public record Vector(String transactionId, Map<String, Double> features) {
    }

    /** The vector of one transaction from the state before it; no state changes. */
    public Map<String, Double> vector(MaskedTransaction t) {
        requireValid(List.of(t));
        Snapshot before = onDemand(() -> store.load(t));
        return FeatureSet.asMap(OnlineFeatures.vector(t, before));
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
     * Stream step for one validated transaction: the snapshot before it, or empty if it was folded already.
     * Waits for Redis while it is down.
     */
    public Optional<Snapshot> before(MaskedTransaction t) {
        Snapshot snapshot = untilAnswered(() -> store.load(t));
        if (snapshot.folded()) {
            duplicates.increment();
            return Optional.empty();
        }
        return Optional.of(snapshot);
    }

    /** Stream step: folds {@code t} in once, from the snapshot its vector came from. Waits for Redis while down. */
    public void fold(MaskedTransaction t, Snapshot before) {
        StateStore.Commit commit = untilAnswered(() -> OnlineFeatures.foldOnce(store, t, before));
        if (commit == StateStore.Commit.FOLDED) {
            folded.increment();
        } else {
            duplicates.increment();
        }
    }

    private <T> T onDemand(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw new ProblemException(503, "The feature store is unavailable; try again shortly.");
        }
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
