package io.openfraud.governance.retention;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.register.service.Register;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes governance's short-lived copies after the retention the field catalogue ({@code GET /api/v1/catalog},
 * {@link Register}) gives their store: one-time codes in {@code identity_outbox} ({@code mongodb:governance.identity_outbox},
 * P1D) and access exports in {@code dsr_exports} (P30D). The catalogue is the only source: a store it does not give a
 * period refuses start-up. Runs once cluster-wide: a replica takes a lease document in MongoDB
 * ({@code leases}, atomic find-and-update) before purging. Audit entries are never purged here (kept at least 12
 * months, PCI-DSS 10.5.1).
 */
@ApplicationScoped
public class RetentionPurge {

    private static final String LEASE = "retention-purge";

    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> exports;
    private final MongoCollection<Document> leases;
    private final AuditTrail audit;
    private final Clock clock;
    private final Period outboxRetention;
    private final Period exportRetention;
    private final String owner = UUID.randomUUID().toString();

    RetentionPurge(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AuditTrail audit, Clock clock, Register catalogue) {
        MongoDatabase db = mongo.getDatabase(database);
        this.outbox = db.getCollection("identity_outbox");
        this.exports = db.getCollection("dsr_exports");
        this.leases = db.getCollection("leases");
        this.audit = audit;
        this.clock = clock;
        this.outboxRetention = catalogued(catalogue, "mongodb:" + database + ".identity_outbox");
        this.exportRetention = catalogued(catalogue, "mongodb:" + database + ".dsr_exports");
    }

    @Scheduled(every = "${openfraud.retention.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(owner);
    }

    /** Purges if {@code replica} gets the lease; returns how many documents were deleted per collection, or empty. */
    public Map<String, Long> purge(String replica) {
        Instant now = clock.instant();
        if (!lease(replica, now)) {
            return Map.of();
        }
        Map<String, Long> deleted = new LinkedHashMap<>();
        deleted.put("identity_outbox", outbox.deleteMany(Filters.lt("createdAt",
                before(now, outboxRetention))).getDeletedCount());
        deleted.put("dsr_exports", exports.deleteMany(Filters.lt("createdAt",
                before(now, exportRetention))).getDeletedCount());
        audit.record(new AuditEvent("governance-service", "RETENTION_PURGE", "retention", AuditEvent.SUCCESS,
                "scheduler:" + replica, new LinkedHashMap<>(deleted)));
        return deleted;
    }

    private static Period catalogued(Register catalogue, String store) {
        return catalogue.retention(store).orElseThrow(() -> new IllegalStateException(
                "the field catalogue gives no retention period for " + store));
    }

    /** The cut-off: {@code retention} before {@code now}, in calendar terms (UTC). */
    private static String before(Instant now, Period retention) {
        return now.atZone(ZoneOffset.UTC).minus(retention).toInstant().toString();
    }

    /** Takes or renews the lease for 10 minutes unless another replica holds an unexpired one. */
    private boolean lease(String replica, Instant now) {
        try {
            Document taken = leases.findOneAndUpdate(Filters.and(Filters.eq("_id", LEASE),
                            Filters.or(Filters.eq("owner", replica), Filters.lt("expiresAt", now.toString()))),
                    Updates.combine(Updates.set("owner", replica),
                            Updates.set("expiresAt", now.plus(Duration.ofMinutes(10)).toString())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return taken != null && replica.equals(taken.getString("owner"));
        } catch (MongoWriteException | com.mongodb.MongoCommandException e) {
            return false; // the upsert collided with the live lease of another replica (duplicate _id)
        }
    }
}
