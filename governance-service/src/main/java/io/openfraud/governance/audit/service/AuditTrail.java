package io.openfraud.governance.audit.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
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
    }

    /** Appends the decision on one transaction; a redelivered event (same eventId) is recorded once. */
    public boolean recordDecision(String eventId, ScoredTransaction scored) {
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
        return append(eventId, "AUTOMATED_DECISION", new AuditEvent("scoring-service", "AUTOMATED_DECISION",
                "transaction/" + scored.transactionId(), AuditEvent.SUCCESS, "kafka:transactions.scored", details));
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

    private synchronized boolean append(String eventId, String kind, AuditEvent event) {
        if (eventId != null && events.find(Filters.eq("eventId", eventId)).first() != null) {
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            Document last = events.find().sort(Sorts.descending("sequence")).first();
            long sequence = last == null ? 1 : last.getLong("sequence") + 1;
            String previousHash = last == null ? GENESIS : last.getString("hash");
            String previousMac = last == null ? GENESIS : last.getString("mac");
            Document entry = new Document("sequence", sequence);
            if (eventId != null) {
                entry.append("eventId", eventId);
            }
            entry.append("kind", kind)
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
            entry.append("details", new Document(event.details()))
                    .append("previousHash", previousHash);
            String hash = sha256(entry.toJson());
            entry.append("hash", hash).append("mac", mac(previousMac, hash));
            try {
                events.insertOne(entry);
                highestWritten.accumulateAndGet(sequence, Math::max);
                String written = entry.getString("mac");
                anchor.ifPresent(a -> a.advance(sequence, written));
                return true;
            } catch (MongoWriteException e) {
                // Another replica took this sequence number: the unique index refused ours; chain onto theirs.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt >= MAX_APPEND_ATTEMPTS) {
                    throw e;
                }
            }
        }
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
