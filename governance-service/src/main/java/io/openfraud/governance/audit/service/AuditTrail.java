package io.openfraud.governance.audit.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.governance.config.AuditConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The append-only audit trail in MongoDB. Every entry has a unique, gap-free sequence number (unique index), the
 * SHA-256 of its content and of the previous entry ({@code hash}, {@code previousHash}), and an HMAC-SHA256 chain
 * ({@code mac} = HMAC(key, previous mac | hash)) under a key held outside MongoDB. Whoever can write the collection can
 * recompute the plain hashes after editing an entry, but not the MACs: {@link #verify()} detects an edited, deleted,
 * reordered or re-chained entry. Deleting the newest entries, or replacing the whole collection, is detected against
 * the head anchored outside MongoDB ({@link AuditAnchor}, {@code openfraud.audit.anchor-file}), which survives a
 * restart; without an anchor file, against the highest sequence this process wrote. Entries hold pseudonyms and ids
 * only.
 */
@ApplicationScoped
public class AuditTrail {

    static final String COLLECTION = "audit_events";
    private static final String GENESIS = "0".repeat(64);
    private static final int MAX_APPEND_ATTEMPTS = 5;

    private final MongoCollection<Document> events;
    private final SecretKeySpec macKey;
    private final Clock clock;
    private final AtomicLong highestWritten = new AtomicLong();
    private final Optional<AuditAnchor> anchor;
    /** The newest entry this process appended, or null: re-read from MongoDB (guarded by this). */
    private Head head;

    AuditTrail(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AuditConfig config, Clock clock) {
        this.events = mongo.getDatabase(database).getCollection(COLLECTION);
        byte[] key = Base64.getDecoder().decode(config.hmacKey().orElseThrow(() -> new IllegalStateException(
                "openfraud.audit.hmac-key is required (a secret)")).trim());
        if (key.length < 32) {
            throw new IllegalStateException("openfraud.audit.hmac-key needs at least 32 bytes");
        }
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
        this.anchor = config.anchorFile().filter(f -> !f.isBlank())
                .map(f -> new AuditAnchor(java.nio.file.Path.of(f.trim()), macKey));
    }

    /** After KeyMaterialCheck (priority APPLICATION + 500), which refuses to start without the keys. */
    void createIndexes(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start) {
        events.createIndex(Indexes.ascending("sequence"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("transactionId"));
        events.createIndex(Indexes.ascending("resource"));
        // the idempotency query of every appended batch (without it MongoDB scans the collection per batch)
        events.createIndex(Indexes.ascending("eventId"));
    }

    /** Appends the decision on one transaction; a redelivered event (same eventId) is recorded once. */
    public boolean recordDecision(String eventId, ScoredTransaction scored) {
        return recordDecisions(List.of(new Decision(eventId, scored))) == 1;
    }

    /**
     * A decision read from {@code transactions.scored}.
     *
     * @param eventId the event's id (redeliveries carry the same one)
     * @param scored  the decision
     */
    public record Decision(String eventId, ScoredTransaction scored) {
    }

    /**
     * Appends the decisions of one poll, in order, with one idempotency query, one insert and one anchor write for the
     * whole batch (per decision, these were the trail's largest costs). Events already recorded, and repeats within
     * the batch, are recorded once. Returns how many entries were appended.
     */
    public int recordDecisions(List<Decision> decisions) {
        List<Pending> pending = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            pending.add(new Pending(decision.eventId(), "AUTOMATED_DECISION", decisionEvent(decision.scored())));
        }
        return appendAll(pending);
    }

    private static AuditEvent decisionEvent(ScoredTransaction scored) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transactionId", scored.transactionId());
        details.put("subject", scored.customerPseudonym());
        details.put("decision", scored.verdict().decision().name());
        details.put("score", scored.verdict().score());
        details.put("scorer", scored.verdict().scorer().name());
        details.put("modelVersion", scored.verdict().modelVersion());
        details.put("reasons", scored.verdict().reasons().stream().map(r -> r.code()).toList());
        details.put("path", scored.path().name());
        details.put("decidedAt", scored.scoredAt().toString());
        return new AuditEvent("scoring-service", "AUTOMATED_DECISION", "transaction/" + scored.transactionId(),
                AuditEvent.SUCCESS, "kafka:transactions.scored", details);
    }

    /** Appends a model-registry stage change (a promotion, a roll-back); recorded once per event id. */
    public boolean recordModelChange(String eventId, String producer, ModelLifecycleEvent change) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("modelName", change.modelName());
        details.put("version", change.version());
        details.put("stage", change.stage().name());
        details.put("featureSetVersion", change.featureSetVersion());
        details.put("sha256", change.sha256());
        details.put("metrics", new LinkedHashMap<>(new java.util.TreeMap<>(change.metrics())));
        details.put("synthetic", change.synthetic());
        details.put("changedAt", change.changedAt().toString());
        return append(eventId, "MODEL_STAGE_CHANGED", new AuditEvent(producer, "MODEL_STAGE_CHANGED",
                "model/" + change.modelName() + "/" + change.version(), AuditEvent.SUCCESS,
                "kafka:models.lifecycle", details));
    }

    /** Appends an action taken through this service's API (a request's step, a review, a consent change). */
    public void record(AuditEvent event) {
        append(null, "ACTION", event);
    }

    private boolean append(String eventId, String kind, AuditEvent event) {
        return appendAll(List.of(new Pending(eventId, kind, event))) == 1;
    }

    /** An entry to append: its event id (null for API actions, which are never de-duplicated), kind and content. */
    private record Pending(String eventId, String kind, AuditEvent event) {
    }

    /** The newest entry this process knows of: what the next entry chains onto. */
    private record Head(long sequence, String hash, String mac) {
    }

    private synchronized int appendAll(List<Pending> entries) {
        List<Pending> fresh = withoutRecorded(entries);
        if (fresh.isEmpty()) {
            return 0;
        }
        int appended = 0;
        for (int attempt = 1; ; attempt++) {
            Head last = head != null ? head : readHead();
            List<Document> documents = new ArrayList<>(fresh.size());
            long sequence = last.sequence();
            String previousHash = last.hash();
            String previousMac = last.mac();
            for (Pending pending : fresh) {
                sequence++;
                Document entry = entry(sequence, pending, previousHash);
                String hash = sha256(entry.toJson());
                previousMac = mac(previousMac, hash);
                previousHash = hash;
                entry.append("hash", hash).append("mac", previousMac);
                documents.add(entry);
            }
            try {
                if (documents.size() == 1) {
                    events.insertOne(documents.get(0));
                } else {
                    events.insertMany(documents); // ordered: stops at the first refused entry
                }
            } catch (MongoWriteException | MongoBulkWriteException e) {
                // Another replica took a sequence number: the unique index refused ours; chain onto theirs. Entries
                // of an ordered batch before the refused one are stored: drop them before chaining the rest again.
                head = null;
                if (!duplicateKey(e) || attempt >= MAX_APPEND_ATTEMPTS) {
                    throw e;
                }
                int stored = e instanceof MongoBulkWriteException bulk ? storedBefore(bulk) : 0;
                if (stored > 0) {
                    Document written = documents.get(stored - 1);
                    advance(written.getLong("sequence"), written.getString("mac"));
                    fresh = new ArrayList<>(fresh.subList(stored, fresh.size()));
                    appended += stored;
                }
                continue;
            }
            head = new Head(sequence, previousHash, previousMac);
            advance(sequence, previousMac);
            return appended + fresh.size();
        }
    }

    private void advance(long sequence, String mac) {
        highestWritten.accumulateAndGet(sequence, Math::max);
        anchor.ifPresent(a -> a.advance(sequence, mac));
    }

    /** The entries whose event was not recorded yet (one query for the batch), each event id once. */
    private List<Pending> withoutRecorded(List<Pending> entries) {
        Set<String> ids = new HashSet<>();
        for (Pending pending : entries) {
            if (pending.eventId() != null) {
                ids.add(pending.eventId());
            }
        }
        Set<String> recorded = new HashSet<>();
        if (!ids.isEmpty()) {
            Bson filter = ids.size() == 1 ? Filters.eq("eventId", ids.iterator().next()) : Filters.in("eventId", ids);
            for (Document d : events.find(filter).projection(Projections.include("eventId"))) {
                recorded.add(d.getString("eventId"));
            }
        }
        List<Pending> fresh = new ArrayList<>(entries.size());
        for (Pending pending : entries) {
            if (pending.eventId() == null || recorded.add(pending.eventId())) {
                fresh.add(pending);
            }
        }
        return fresh;
    }

    private Head readHead() {
        Document last = events.find().sort(Sorts.descending("sequence")).first();
        return last == null ? new Head(0, GENESIS, GENESIS)
                : new Head(last.getLong("sequence"), last.getString("hash"), last.getString("mac"));
    }

    private Document entry(long sequence, Pending pending, String previousHash) {
        AuditEvent event = pending.event();
        Document entry = new Document("sequence", sequence);
        if (pending.eventId() != null) {
            entry.append("eventId", pending.eventId());
        }
        entry.append("kind", pending.kind())
                .append("at", clock.instant().toString())
                .append("actor", event.actor())
                .append("action", event.action())
                .append("resource", event.resource())
                .append("outcome", event.outcome())
                .append("origin", event.origin());
        // Flattened for the per-transaction query, as before.
        Object transactionId = event.details().get("transactionId");
        if (transactionId != null) {
            entry.append("transactionId", transactionId);
        }
        return entry.append("details", new Document(event.details()))
                .append("previousHash", previousHash);
    }

    private static boolean duplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        MongoBulkWriteException bulk = (MongoBulkWriteException) e;
        return !bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors().stream()
                .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /** How many entries of an ordered batch were stored before the first refused one. */
    private static int storedBefore(MongoBulkWriteException bulk) {
        return bulk.getWriteErrors().stream().mapToInt(BulkWriteError::getIndex).min().orElse(0);
    }

    /**
     * Walks the whole chain in sequence order and checks, for each entry: the sequence follows the previous one
     * (gaps are deleted entries), the stored order agrees, previousHash links, the hash matches the content, and the
     * MAC matches the key. Then the head: the chain reaches the anchored sequence ({@code TRUNCATED}) and holds the
     * anchored MAC there ({@code ANCHOR_MISMATCH}), and the anchor is one the key signed ({@code ANCHOR_INVALID}). The
     * first failure is reported.
     */
    public ChainVerification verify() {
        AuditAnchor.Head head;
        try {
            head = anchor.flatMap(AuditAnchor::read).orElse(null);
        } catch (AuditAnchor.InvalidAnchorException e) {
            return broken(0, null, "ANCHOR_INVALID");
        }
        String macAtHead = null;
        long expected = 1;
        long count = 0;
        String previousHash = GENESIS;
        String previousMac = GENESIS;
        try (MongoCursor<Document> cursor = events.find().sort(Sorts.ascending("sequence")).iterator()) {
            while (cursor.hasNext()) {
                Document entry = cursor.next();
                count++;
                Number number = entry.get("sequence", Number.class);
                long sequence = number == null ? -1 : number.longValue();
                if (sequence != expected) {
                    return broken(count, expected, sequence < expected ? "SEQUENCE_ORDER" : "SEQUENCE_GAP");
                }
                String hash = entry.getString("hash");
                String mac = entry.getString("mac");
                if (!previousHash.equals(entry.getString("previousHash"))) {
                    return broken(count, sequence, "PREVIOUS_HASH");
                }
                Document content = new Document(entry);
                content.remove("_id");
                content.remove("hash");
                content.remove("mac");
                if (hash == null || !hash.equals(sha256(content.toJson()))) {
                    return broken(count, sequence, "HASH");
                }
                if (mac == null || !MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                        mac(previousMac, hash).getBytes(StandardCharsets.US_ASCII))) {
                    return broken(count, sequence, "MAC");
                }
                if (head != null && sequence == head.sequence()) {
                    macAtHead = mac;
                }
                previousHash = hash;
                previousMac = mac;
                expected++;
            }
        }
        long reference = head != null ? head.sequence() : highestWritten.get();
        if (expected - 1 < reference) {
            return broken(count, expected, "TRUNCATED");
        }
        if (head != null && !head.mac().equals(macAtHead)) {
            return broken(count, head.sequence(), "ANCHOR_MISMATCH");
        }
        return new ChainVerification(true, count, null, null, clock.instant());
    }

    /** The head anchored outside MongoDB, if an anchor file is configured and holds one. */
    public Optional<AuditAnchor.Head> anchoredHead() {
        return anchor.flatMap(AuditAnchor::read);
    }

    private ChainVerification broken(long count, Long sequence, String problem) {
        return new ChainVerification(false, count, sequence, problem, clock.instant());
    }

    /** The entries about one transaction, oldest first. */
    public List<Map<String, Object>> forTransaction(String transactionId) {
        return query(Filters.eq("transactionId", transactionId));
    }

    /** The entries about one resource (for example {@code dsr/<id>}), oldest first. */
    public List<Map<String, Object>> forResource(String resource) {
        return query(Filters.eq("resource", resource));
    }

    /** The latest automated decision recorded for a transaction, if any. */
    public Optional<Map<String, Object>> latestDecision(String transactionId) {
        List<Map<String, Object>> entries = query(Filters.and(Filters.eq("transactionId", transactionId),
                Filters.eq("kind", "AUTOMATED_DECISION")));
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** The automated decisions recorded about a subject: transaction, decision, score, model, reason codes. */
    public List<Map<String, Object>> decisionsAbout(String subjectPseudonym) {
        return query(Filters.and(Filters.eq("kind", "AUTOMATED_DECISION"), Filters.eq("details.subject",
                subjectPseudonym))).stream().map(entry -> {
                    Map<String, Object> details = new LinkedHashMap<>((Map<String, Object>) entry.get("details"));
                    details.remove("subject");
                    return details;
                }).toList();
    }

    private List<Map<String, Object>> query(org.bson.conversions.Bson filter) {
        return events.find(filter).sort(Sorts.ascending("sequence")).map(d -> {
            d.remove("_id");
            return (Map<String, Object>) d;
        }).into(new ArrayList<>());
    }

    private String mac(String previousMac, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return HexFormat.of().formatHex(mac.doFinal((previousMac + "|" + hash).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
