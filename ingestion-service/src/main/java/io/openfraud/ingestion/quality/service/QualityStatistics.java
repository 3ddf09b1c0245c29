package io.openfraud.ingestion.quality.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Counts, per minute, the records checked and rejected and each rule's failures, and keeps a few masked examples per
 * rule; in memory on the hot path, written to PostgreSQL every few seconds in one batch (and before a report is
 * read, and at shutdown). Backs {@code GET /api/v1/quality/report}.
 */
@ApplicationScoped
public class QualityStatistics {

    static final String CHECKED = "*";
    static final String REJECTED = "!REJECTED";
    private static final int EXAMPLES_PER_RULE_AND_FLUSH = 3;
    private static final Logger LOG = Logger.getLogger(QualityStatistics.class);

    private record Key(Instant minute, String rule) {
    }

    private record Example(Instant minute, String rule, String field, String message, Map<String, Object> record) {
    }

    /** What has not been written yet; swapped whole under the write lock. */
    private static final class Pending {
        final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, AtomicInteger> exampleSlots = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Example> examples = new ConcurrentLinkedQueue<>();
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Pending pending = new Pending();
    private ScheduledExecutorService flusher;

    QualityStatistics(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "quality-statistics");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, 5, 5, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (flusher != null) {
            flusher.shutdown();
        }
        flushQuietly();
    }

    /** One record's outcome at {@code now}; {@code example} is asked for only while example slots are free. */
    public void record(Instant now, List<RuleViolation> violations, Supplier<Map<String, Object>> example) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        lock.readLock().lock();
        try {
            Pending p = pending;
            add(p, minute, CHECKED);
            boolean rejected = false;
            Set<String> seen = new HashSet<>();
            Map<String, Object> masked = null;
            for (RuleViolation v : violations) {
                rejected |= v.severity() == Severity.REJECT;
                if (!seen.add(v.ruleId())) {
                    continue;
                }
                add(p, minute, v.ruleId());
                if (example != null && p.exampleSlots.computeIfAbsent(v.ruleId(), r -> new AtomicInteger())
                        .getAndIncrement() < EXAMPLES_PER_RULE_AND_FLUSH) {
                    if (masked == null) {
                        masked = example.get();
                    }
                    p.examples.add(new Example(minute, v.ruleId(), v.field(), v.message(), masked));
                }
            }
            if (rejected) {
                add(p, minute, REJECTED);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void add(Pending p, Instant minute, String rule) {
        p.counts.computeIfAbsent(new Key(minute, rule), k -> new LongAdder()).increment();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Could not write data-quality statistics (kept for the next attempt): %s", e.toString());
        }
    }

    /** Writes what is pending; on failure keeps it for the next attempt. */
    public synchronized void flush() {
        Pending written;
        lock.writeLock().lock();
        try {
            written = pending;
            pending = new Pending();
        } finally {
            lock.writeLock().unlock();
        }
        if (written.counts.isEmpty() && written.examples.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO quality_minutes "
                    + "(minute, rule_id, records) VALUES (?, ?, ?) ON CONFLICT (minute, rule_id) "
                    + "DO UPDATE SET records = quality_minutes.records + excluded.records");
                 PreparedStatement example = connection.prepareStatement("INSERT INTO quality_examples "
                         + "(minute, rule_id, field, message, masked_record) VALUES (?, ?, ?, ?, ?::jsonb)")) {
                for (Map.Entry<Key, LongAdder> entry : written.counts.entrySet()) {
                    upsert.setTimestamp(1, Timestamp.from(entry.getKey().minute()));
                    upsert.setString(2, entry.getKey().rule());
                    upsert.setLong(3, entry.getValue().sum());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                for (Example e : written.examples) {
                    example.setTimestamp(1, Timestamp.from(e.minute()));
                    example.setString(2, e.rule());
                    example.setString(3, e.field());
                    example.setString(4, e.message());
                    example.setString(5, mapper.writeValueAsString(e.record()));
                    example.addBatch();
                }
                example.executeBatch();
                connection.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                connection.rollback();
                requeue(written);
                throw new IllegalStateException("writing data-quality statistics failed", e);
            }
        } catch (SQLException e) {
            requeue(written);
            throw new IllegalStateException("writing data-quality statistics failed", e);
        }
    }

    private void requeue(Pending failed) {
        lock.readLock().lock();
        try {
            Pending p = pending;
            failed.counts.forEach((key, count) -> p.counts.computeIfAbsent(key, k -> new LongAdder())
                    .add(count.sum()));
            p.examples.addAll(failed.examples);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A rule's failures in a window and a few masked examples. */
    public record RuleFailures(String rule, long failures, List<ExampleView> examples) {
    }

    /** A masked example of a failure. */
    public record ExampleView(Instant minute, String field, String message, Object record) {
    }

    /** Totals over [{@code from}, {@code to}), minutes as written (pending counts are flushed first). */
    public record Totals(long checked, long rejected, List<RuleFailures> rules) {
    }

    public Totals totals(Instant from, Instant to, int examplesPerRule) {
        flush();
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT rule_id, sum(records) FROM "
                     + "quality_minutes WHERE minute >= ? AND minute < ? GROUP BY rule_id ORDER BY rule_id")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            List<RuleFailures> rules = new ArrayList<>();
            try (PreparedStatement examples = connection.prepareStatement("SELECT minute, field, message, "
                    + "masked_record::text FROM quality_examples WHERE rule_id = ? AND minute >= ? AND minute < ? "
                    + "ORDER BY id DESC LIMIT ?")) {
                for (Map.Entry<String, Long> entry : counts.entrySet()) {
                    if (entry.getKey().equals(CHECKED) || entry.getKey().equals(REJECTED)) {
                        continue;
                    }
                    examples.setString(1, entry.getKey());
                    examples.setTimestamp(2, Timestamp.from(from));
                    examples.setTimestamp(3, Timestamp.from(to));
                    examples.setInt(4, examplesPerRule);
                    List<ExampleView> views = new ArrayList<>();
                    try (ResultSet rows = examples.executeQuery()) {
                        while (rows.next()) {
                            views.add(new ExampleView(rows.getTimestamp(1).toInstant(), rows.getString(2),
                                    rows.getString(3), mapper.readTree(rows.getString(4))));
                        }
                    }
                    rules.add(new RuleFailures(entry.getKey(), entry.getValue(), views));
                }
            }
            return new Totals(counts.getOrDefault(CHECKED, 0L), counts.getOrDefault(REJECTED, 0L), rules);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("reading data-quality statistics failed", e);
        }
    }
}
