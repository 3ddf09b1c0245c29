package io.openfraud.ingestion.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox: one thread that, in rounds, locks the next rows in id order ({@code FOR UPDATE SKIP LOCKED})
 * holding up to {@code batch-size} events (a batch row holds many, see {@link Outbox.Batch}), sends them all, waits
 * for every acknowledgement, deletes the acknowledged rows in one statement and commits. It runs at once when a commit {@linkplain #wakeUp() wakes} it and keeps going while
 * rounds are full; otherwise it sleeps until the next signal or the sweep interval, which catches rows no signal
 * announced (after a restart, or from an instance that died). Delivery is at least once: a crash between the
 * broker's acknowledgement and the delete publishes the rows again, with the same event ids.
 *
 * <p>Metrics: {@code openfraud.outbox.pending} (rows waiting, all instances), {@code openfraud.outbox.published}
 * (rows published by this instance) and {@code openfraud.outbox.failures} (rounds that failed).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** How long the pending-rows gauge reuses a count, so scrapes do not each scan the table. */
    private static final long PENDING_CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final OutboxStore store;
    private final OutboxPublisher publisher;
    private final FaultPoint faultPoint;
    private final OutboxConfig config;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread thread;
    private long pendingReadAt;
    private double pending = Double.NaN;

    OutboxRelay(OutboxStore store, OutboxPublisher publisher, FaultPoint faultPoint, OutboxConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.faultPoint = faultPoint;
        this.config = config;
        this.published = Counter.builder("openfraud.outbox.published")
                .description("Outbox rows published and acknowledged by the broker").register(registry);
        this.failures = Counter.builder("openfraud.outbox.failures")
                .description("Outbox relay rounds that failed (broker or database unavailable)").register(registry);
        Gauge.builder("openfraud.outbox.pending", this, OutboxRelay::pendingRows)
                .description("Outbox rows waiting to be published").register(registry);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        Thread relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        Thread relay = thread;
        if (relay != null) {
            LockSupport.unpark(relay);
            relay.join(config.publishTimeout().toMillis());
        }
    }

    /** Runs a round as soon as possible; cheap, call it after every commit that wrote to the outbox. */
    public void wakeUp() {
        if (!signalled.getAndSet(true)) {
            Thread relay = thread;
            if (relay != null) {
                LockSupport.unpark(relay);
            }
        }
    }

    private void run() {
        try {
            publisher.warmUp(Topics.TRANSACTIONS_VALIDATED_NAME);
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay: no metadata for %s yet (%s); rounds retry", Topics.TRANSACTIONS_VALIDATED_NAME,
                    e.toString());
        }
        while (running) {
            signalled.set(false);
            try {
                drain();
            } catch (SQLException | RuntimeException e) {
                failures.increment();
                LOG.warnf("outbox relay round failed, retrying in %s: %s", config.retryBackoff(), e.toString());
                pause(config.retryBackoff());
                continue;
            }
            if (!signalled.get()) {
                LockSupport.parkNanos(this, config.sweepInterval().toNanos());
            }
        }
    }

    /** Rounds until one leaves no rows behind. */
    private void drain() throws SQLException {
        while (running && round()) {
            signalled.set(false); // the full round saw every commit signalled before it; the loop covers the rest
        }
    }

    /**
     * One round; returns whether it was full (rows were left). A row is deleted once every event it holds was
     * acknowledged; a batch row with an unacknowledged event is published again, whole, in a later round (at least
     * once, same event ids).
     */
    private boolean round() throws SQLException {
        try (Connection connection = store.begin()) {
            try {
                OutboxStore.Round round = store.lockNext(connection, config.batchSize());
                List<OutboxStore.PendingEvent> rows = round.events();
                if (rows.isEmpty()) {
                    connection.commit();
                    return false;
                }
                faultPoint.afterCommitBeforePublish();
                OutboxPublisher.Result result = publisher.publish(rows);
                Map<Long, Integer> ackedPerRow = new HashMap<>();
                for (Long id : result.acked()) {
                    ackedPerRow.merge(id, 1, Integer::sum);
                }
                List<Long> done = new ArrayList<>(round.rows().size());
                round.rows().forEach((id, events) -> {
                    if (ackedPerRow.getOrDefault(id, 0).equals(events)) {
                        done.add(id);
                    }
                });
                store.delete(connection, done);
                connection.commit();
                published.increment(result.acked().size());
                if (result.failure() != null) {
                    throw new IllegalStateException((rows.size() - result.acked().size()) + " of " + rows.size()
                            + " outbox events were not acknowledged", result.failure());
                }
                return round.more();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback after a failed outbox round: %s", e.toString());
        }
    }

    /** Waits {@code duration} unless stopped; signals do not cut it short. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private synchronized double pendingRows() {
        long now = System.nanoTime();
        if (Double.isNaN(pending) || now - pendingReadAt > PENDING_CACHE_NANOS) {
            try {
                pending = store.pending();
                pendingReadAt = now;
            } catch (SQLException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return pending;
    }
}
