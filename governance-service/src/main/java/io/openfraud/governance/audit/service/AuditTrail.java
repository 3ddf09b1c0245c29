package io.openfraud.governance.audit.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openfraud.events.scoring.ScoredTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit trail of automated decisions in MongoDB. Each entry carries the SHA-256 of its content and of the
 * previous entry, so altering or removing an entry breaks the chain (verification and anchoring come with the
 * governance issue, #8). Entries hold pseudonyms only.
 */
@ApplicationScoped
public class AuditTrail {

    static final String COLLECTION = "audit_events";
    private static final String GENESIS = "0".repeat(64);

    private final MongoCollection<Document> events;

    AuditTrail(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.events = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Appends the decision on one transaction; a redelivered event (same eventId) is recorded once. */
    public synchronized boolean recordDecision(String eventId, ScoredTransaction scored) {
        if (events.find(Filters.eq("eventId", eventId)).first() != null) {
            return false;
        }
        Document last = events.find().sort(Sorts.descending("sequence")).first();
        long sequence = last == null ? 1 : last.getLong("sequence") + 1;
        String previous = last == null ? GENESIS : last.getString("hash");
        Document entry = new Document("sequence", sequence)
                .append("eventId", eventId)
                .append("kind", "AUTOMATED_DECISION")
                .append("transactionId", scored.transactionId())
                .append("subject", scored.customerPseudonym())
                .append("decision", scored.verdict().decision().name())
                .append("score", scored.verdict().score())
                .append("scorer", scored.verdict().scorer().name())
                .append("modelVersion", scored.verdict().modelVersion())
                .append("reasons", scored.verdict().reasons().stream().map(r -> r.code()).toList())
                .append("path", scored.path().name())
                .append("decidedAt", scored.scoredAt().toString())
                .append("previousHash", previous);
        entry.append("hash", sha256(previous + "|" + entry.toJson()));
        events.insertOne(entry);
        return true;
    }

    /** The entries about one transaction, oldest first. */
    public List<Map<String, Object>> forTransaction(String transactionId) {
        return events.find(Filters.eq("transactionId", transactionId)).sort(Sorts.ascending("sequence"))
                .map(d -> {
                    d.remove("_id");
                    return (Map<String, Object>) d;
                }).into(new java.util.ArrayList<>());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
