package io.openfraud.retraining.drift.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.retraining.drift.config.DriftConfig;
import io.openfraud.retraining.drift.core.ProductionProfile;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import io.openfraud.retraining.drift.persistence.DriftStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This replica's production histograms, kept in memory per event-time bucket and merged into PostgreSQL every
 * {@code openfraud.drift.flush-interval} (never per event). Histograms are statistics, not records: a crash loses at
 * most one flush interval of counts, and a redelivery after a crash may count a few events twice; both are small
 * against a window of a day. Vectors of another feature-set version than the reference's are not counted.
 */
@ApplicationScoped
public class DriftAccumulator {

    private static final Logger LOG = Logger.getLogger(DriftAccumulator.class);

    /** This process's name in the bucket rows (the pod name in Kubernetes). */
    private final String replica = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
            .map(h -> h.length() > 27 ? h.substring(0, 27) : h).orElse("replica") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private final DriftStore store;
    private final long bucketMillis;
    private final Counter counted;
    private final Counter skipped;
    private final Object lock = new Object();
    private Long referenceId;
    private ReferenceProfile reference;
    private Map<Instant, ProductionProfile> pending = new HashMap<>();
    private boolean loaded;

    DriftAccumulator(DriftStore store, DriftConfig config, MeterRegistry registry) {
        this.store = store;
        this.bucketMillis = config.bucket().toMillis();
        this.counted = Counter.builder("openfraud_drift_vectors_counted")
                .description("feature vectors added to the production histograms").register(registry);
        this.skipped = Counter.builder("openfraud_drift_vectors_skipped")
                .description("feature vectors not counted (no active reference, or another feature-set version)")
                .register(registry);
    }

    /** This replica's name in bucket rows and schedule claims. */
    public String replica() {
        return replica;
    }

    /** Counts feature vectors into their buckets. */
    public void addVectors(List<EnrichedTransaction> vectors) {
        ensureLoaded();
        int added = 0;
        synchronized (lock) {
            if (reference != null) {
                for (EnrichedTransaction t : vectors) {
                    if (!reference.featureSetVersion().equals(t.featureSetVersion())) {
                        continue;
                    }
                    bucket(t.timestamp()).addVector(t.features());
                    added++;
                }
            }
        }
        counted.increment(added);
        skipped.increment(vectors.size() - added);
    }

    /** Counts model scores (event time, score) into their buckets. */
    public void addScores(List<Map.Entry<Instant, Double>> scores) {
        ensureLoaded();
        synchronized (lock) {
            if (reference == null) {
                return;
            }
            for (Map.Entry<Instant, Double> s : scores) {
                bucket(s.getKey()).addScore(s.getValue());
            }
        }
    }

    /** Start of the bucket holding {@code t}. */
    public Instant bucketStart(Instant t) {
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, bucketMillis) * bucketMillis);
    }

    private ProductionProfile bucket(Instant t) {
        return pending.computeIfAbsent(bucketStart(t), k -> new ProductionProfile(reference));
    }

    /**
     * Merges this replica's counts into PostgreSQL and picks up a newly activated reference (counts of the old one are
     * flushed under it first).
     */
    @Scheduled(every = "${openfraud.drift.flush-interval}", delayed = "${openfraud.drift.flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        Map<Instant, ProductionProfile> toWrite;
        Long id;
        ReferenceProfile ref;
        synchronized (lock) {
            toWrite = pending;
            pending = new HashMap<>();
            id = referenceId;
            ref = reference;
        }
        if (id != null && !toWrite.isEmpty()) {
            try {
                store.mergeBuckets(id, replica, toWrite, ref);
            } catch (RuntimeException e) {
                LOG.warnf("drift buckets not stored, kept for the next flush: %s", e.getMessage());
                synchronized (lock) {
                    if (id.equals(referenceId)) {
                        toWrite.forEach((k, v) -> pending.merge(k, v, (a, b) -> {
                            a.merge(b);
                            return a;
                        }));
                    }
                }
                return;
            }
        }
        refreshReference();
    }

    /** Loads the active reference if it changed (after a flush, so no counts of the old one are lost). */
    void refreshReference() {
        Optional<Long> active = store.activeId();
        synchronized (lock) {
            if (active.equals(Optional.ofNullable(referenceId)) && loaded) {
                return;
            }
        }
        Optional<DriftStore.StoredReference> stored = store.active();
        synchronized (lock) {
            if (!pending.isEmpty() && !stored.map(DriftStore.StoredReference::id).equals(Optional.ofNullable(referenceId))) {
                pending = new HashMap<>(); // counted between the flush and now under the old bins: dropped
            }
            referenceId = stored.map(DriftStore.StoredReference::id).orElse(null);
            reference = stored.map(DriftStore.StoredReference::profile).orElse(null);
            loaded = true;
        }
    }

    private void ensureLoaded() {
        if (!loaded) {
            refreshReference();
        }
    }
}
