package io.openfraud.governance.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.governance.audit.service.AuditAnchor;
import io.openfraud.governance.audit.service.AuditChainMonitor;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.audit.service.ChainVerification;
import io.openfraud.governance.support.GovernanceTestResource;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.MongoTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tamper-evidence of the audit trail, tampering directly on the MongoDB collection as someone with write access to
 * the database would: an edited, deleted or reordered entry, and a rewrite that recomputes every later plain hash
 * (caught only by the HMAC chain, whose key is not in MongoDB). Each test restores the collection afterwards.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(GovernanceTestResource.class)
class AuditChainTest {

    @Inject
    MongoClient mongo;

    @Inject
    AuditTrail trail;

    @Inject
    AuditChainMonitor monitor;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> events() {
        return mongo.getDatabase(database).getCollection("audit_events");
    }

    @BeforeEach
    void atLeastSixEntries() {
        for (int i = 0; i < 6; i++) {
            trail.record(new AuditEvent("tester [dpo]", "TEST_ACTION", "test/" + i, AuditEvent.SUCCESS,
                    "rest:127.0.0.1", Map.of("i", i)));
        }
    }

    @Test
    void anUntouchedChainVerifiesOverRestAndTheGaugeSaysSo() {
        given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/audit/verify").then().statusCode(403);
        assertThat(gauge()).isEqualTo(1.0);
    }

    @Test
    void sequenceNumbersAreUnique() {
        Document last = events().find().sort(Sorts.descending("sequence")).first();
        Document copy = new Document(last);
        copy.remove("_id");
        org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoWriteException.class,
                () -> events().insertOne(copy));
    }

    @Test
    void detectsAnEditedEntry() {
        tampered(entries -> events().updateOne(Filters.eq("_id", entries.get(2).get("_id")),
                Updates.set("outcome", "DENIED")), "HASH", 3);
    }

    @Test
    void theVerifyEndpointNamesTheBrokenEntry() {
        Document original = events().find().sort(Sorts.ascending("sequence")).skip(1).first();
        long sequence = original.getLong("sequence");
        events().updateOne(Filters.eq("_id", original.get("_id")), Updates.set("actor", "someone else"));
        try {
            given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/audit/verify").then()
                    .statusCode(200).body("valid", equalTo(false)).body("problem", equalTo("HASH"))
                    .body("brokenAt", equalTo((int) sequence));
            assertThat(gauge()).isEqualTo(0.0);
        } finally {
            // Only that entry is restored: the verification's own audit entry chains onto the untouched tail.
            events().replaceOne(Filters.eq("_id", original.get("_id")), original);
        }
        assertThat(monitor.verifyNow().valid()).isTrue();
        assertThat(gauge()).isEqualTo(1.0);
    }

    @Test
    void detectsADeletedEntry() {
        tampered(entries -> events().deleteOne(Filters.eq("_id", entries.get(2).get("_id"))), "SEQUENCE_GAP", 3);
    }

    @Test
    void detectsDeletedNewestEntries() {
        tampered(entries -> events().deleteOne(Filters.eq("_id", entries.get(entries.size() - 1).get("_id"))),
                "TRUNCATED", null);
    }

    @Test
    void detectsDeletedNewestEntriesAgainstTheAnchorWhichARestartedProcessReadsBack() throws Exception {
        Document newest = events().find().sort(Sorts.descending("sequence")).first();
        // A restarted process knows only what the anchor file holds: read it with a fresh instance, as start-up does.
        assertThat(trail.anchoredHead()).isPresent();
        AuditAnchor restarted = new AuditAnchor(anchorFile(), auditKey());
        assertThat(restarted.read()).contains(new AuditAnchor.Head(newest.getLong("sequence"),
                newest.getString("mac")));
        assertThat(Files.readString(anchorFile())).doesNotContain(System.getProperty(GovernanceTestResource.AUDIT_KEY));
        tampered(entries -> events().deleteMany(Filters.gte("sequence", entries.get(entries.size() - 3)
                .getLong("sequence"))), "TRUNCATED", null);
    }

    @Test
    void detectsAnEmptiedOrWhollyReplacedCollection() {
        tampered(entries -> events().deleteMany(new Document()), "TRUNCATED", 1);
        tampered(entries -> {
            // Someone without the key replaces the collection with a shorter, self-consistent chain (plain hashes
            // right): the MAC of the first entry already fails.
            events().deleteMany(new Document());
            String previous = "0".repeat(64);
            for (Document original : entries.subList(0, 3)) {
                Document entry = new Document(original);
                entry.remove("_id");
                entry.remove("hash");
                entry.remove("mac");
                entry.put("outcome", "REWRITTEN");
                entry.put("previousHash", previous);
                String hash = sha256(entry.toJson());
                entry.put("hash", hash);
                entry.put("mac", "f".repeat(64));
                events().insertOne(entry);
                previous = hash;
            }
        }, "MAC", 1);
    }

    @Test
    void detectsANewestEntryRewrittenWithAValidMacAgainstTheAnchoredMac() {
        long[] head = new long[1];
        tampered(entries -> {
            // Whoever also holds the key re-chains a valid hash and MAC; the anchored head still names the old MAC.
            Document last = new Document(entries.get(entries.size() - 1));
            head[0] = last.getLong("sequence");
            Object id = last.remove("_id");
            last.remove("hash");
            last.remove("mac");
            last.put("outcome", "REWRITTEN");
            String hash = sha256(last.toJson());
            last.put("hash", hash);
            last.put("mac", hmac(entries.get(entries.size() - 2).getString("mac") + "|" + hash));
            events().replaceOne(Filters.eq("_id", id), last);
        }, "ANCHOR_MISMATCH", null);
        assertThat(head[0]).isPositive();
    }

    @Test
    void aForgedAnchorIsReported() throws Exception {
        Path file = anchorFile();
        String original = Files.readString(file);
        try {
            // Lowering the anchored sequence without the key, to hide a truncation: the signature no longer matches.
            Files.writeString(file, original.replaceFirst("sequence=\\d+", "sequence=1"));
            ChainVerification result = monitor.verifyNow();
            assertThat(result.valid()).isFalse();
            assertThat(result.problem()).isEqualTo("ANCHOR_INVALID");
            given().header("Authorization", Tokens.bearer("dpo")).get("/api/v1/audit/verify").then()
                    .statusCode(200).body("valid", equalTo(false)).body("problem", equalTo("ANCHOR_INVALID"));
        } finally {
            Files.writeString(file, original);
        }
        assertThat(monitor.verifyNow().valid()).isTrue();
    }

    private static SecretKeySpec auditKey() {
        return new SecretKeySpec(Base64.getDecoder().decode(System.getProperty(GovernanceTestResource.AUDIT_KEY)),
                "HmacSHA256");
    }

    private static String hmac(String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(auditKey());
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path anchorFile() {
        return Path.of(ConfigProvider.getConfig().getValue("openfraud.audit.anchor-file", String.class));
    }

    @Test
    void detectsReorderedEntries() {
        tampered(entries -> {
            Object a = entries.get(2).get("_id");
            Object b = entries.get(3).get("_id");
            events().updateOne(Filters.eq("_id", a), Updates.set("sequence", -1L));
            events().updateOne(Filters.eq("_id", b), Updates.set("sequence", 3L));
            events().updateOne(Filters.eq("_id", a), Updates.set("sequence", 4L));
        }, "PREVIOUS_HASH", 3);
    }

    @Test
    void detectsARewriteThatRecomputesEveryLaterHash() {
        tampered(entries -> {
            // Edit entry 3 and re-chain every later entry with correct SHA-256 hashes: only the MAC can tell.
            String previous = entries.get(1).getString("hash");
            for (int i = 2; i < entries.size(); i++) {
                Document entry = new Document(entries.get(i));
                Object id = entry.remove("_id");
                entry.remove("hash");
                String mac = (String) entry.remove("mac");
                if (i == 2) {
                    entry.put("outcome", "DENIED");
                }
                entry.put("previousHash", previous);
                String hash = sha256(entry.toJson());
                entry.put("hash", hash);
                entry.put("mac", mac);
                events().replaceOne(Filters.eq("_id", id), entry);
                previous = hash;
            }
        }, "MAC", 3);
    }

    @Test
    void aBatchOfDecisionsIsChainedInOrderAndEachEventRecordedOnce() {
        String[] ids = {"tx-" + UUID.randomUUID(), "tx-" + UUID.randomUUID(), "tx-" + UUID.randomUUID()};
        AuditTrail.Decision first = decision("e-" + UUID.randomUUID(), ids[0]);
        AuditTrail.Decision second = decision("e-" + UUID.randomUUID(), ids[1]);
        AuditTrail.Decision third = decision("e-" + UUID.randomUUID(), ids[2]);
        assertThat(trail.recordDecisions(List.of(first))).isEqualTo(1);
        // first is a redelivery, second comes twice in the same poll
        assertThat(trail.recordDecisions(List.of(first, second, second, third))).isEqualTo(2);
        assertThat(trail.recordDecision(third.eventId(), third.scored())).isFalse();
        long[] sequences = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            List<Map<String, Object>> entries = trail.forTransaction(ids[i]);
            assertThat(entries).as(ids[i]).hasSize(1);
            assertThat(entries.get(0)).containsEntry("kind", "AUTOMATED_DECISION");
            sequences[i] = ((Number) entries.get(0).get("sequence")).longValue();
        }
        assertThat(sequences[2]).isEqualTo(sequences[1] + 1);
        assertThat(trail.verify().valid()).isTrue();
    }

    @Test
    void aBatchChainsOntoAnEntryAnotherReplicaWroteMeanwhile() {
        trail.recordDecisions(List.of(decision("e-" + UUID.randomUUID(), "tx-" + UUID.randomUUID())));
        // Another replica (same key) appends the next entry: this process's idea of the head is now stale.
        Document last = events().find().sort(Sorts.descending("sequence")).first();
        Document theirs = new Document("sequence", last.getLong("sequence") + 1).append("kind", "ACTION")
                .append("at", Instant.now().toString()).append("actor", "replica-2").append("action", "TEST_ACTION")
                .append("resource", "test/replica-2").append("outcome", AuditEvent.SUCCESS)
                .append("origin", "rest:127.0.0.1").append("details", new Document())
                .append("previousHash", last.getString("hash"));
        String hash = sha256(theirs.toJson());
        theirs.append("hash", hash).append("mac", hmac(last.getString("mac") + "|" + hash));
        events().insertOne(theirs);

        String[] ids = {"tx-" + UUID.randomUUID(), "tx-" + UUID.randomUUID()};
        assertThat(trail.recordDecisions(List.of(decision("e-" + UUID.randomUUID(), ids[0]),
                decision("e-" + UUID.randomUUID(), ids[1])))).isEqualTo(2);
        assertThat(trail.forTransaction(ids[0]).get(0).get("sequence")).isEqualTo(theirs.getLong("sequence") + 1);
        assertThat(trail.forTransaction(ids[1]).get(0).get("sequence")).isEqualTo(theirs.getLong("sequence") + 2);
        assertThat(trail.verify().valid()).isTrue();
    }

    private static AuditTrail.Decision decision(String eventId, String transactionId) {
        Instant now = Instant.now();
        return new AuditTrail.Decision(eventId, new ScoredTransaction(transactionId, "cus_batch_0001", now,
                ProcessingPath.SYNC, new Verdict(0.42, Decision.REVIEW, List.of(), "rules-1", "skeleton-v0",
                        Scorer.RULES, List.of()), now));
    }

    @Test
    void modelPromotionsAreAuditedOnce() {
        EventCodec<ModelLifecycleEvent> codec = new EventCodec<>(Topics.MODELS_LIFECYCLE);
        EventEnvelope<ModelLifecycleEvent> promotion = EventEnvelope.of(Topics.MODELS_LIFECYCLE, Services.RETRAINING,
                new ModelLifecycleEvent("fraud-mlp", "7", ModelLifecycleEvent.Stage.CHAMPION, "fs-3", "a".repeat(64),
                        "http://retraining-service/api/v1/models/fraud-mlp/7/artifact", Map.of("pr_auc", 0.81), false,
                        Instant.now()), Instant.now());
        Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", codec.encode(promotion));
        Infra.kafka().produce(Topics.MODELS_LIFECYCLE_NAME, "fraud-mlp", codec.encode(promotion));
        await().atMost(Duration.ofSeconds(30)).until(() -> !trail.forResource("model/fraud-mlp/7").isEmpty());
        List<Map<String, Object>> entries = trail.forResource("model/fraud-mlp/7");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("action", "MODEL_STAGE_CHANGED")
                .containsEntry("actor", Services.RETRAINING).containsEntry("origin", "kafka:models.lifecycle");
        assertThat(trail.verify().valid()).isTrue();
    }

    private void tampered(Consumer<List<Document>> tamper, String problem, Integer brokenAt) {
        List<Document> original = events().find().sort(Sorts.ascending("sequence")).into(new ArrayList<>());
        assertThat(monitor.verifyNow().valid()).isTrue();
        try {
            tamper.accept(original.stream().map(Document::new).toList());
            ChainVerification result = monitor.verifyNow();
            assertThat(result.valid()).isFalse();
            assertThat(result.problem()).isEqualTo(problem);
            if (brokenAt != null) {
                assertThat(result.brokenAt()).isEqualTo(brokenAt.longValue());
            }
            assertThat(gauge()).isEqualTo(0.0);
        } finally {
            events().deleteMany(new Document());
            events().insertMany(original);
        }
        assertThat(monitor.verifyNow().valid()).isTrue();
        assertThat(gauge()).isEqualTo(1.0);
    }

    private static double gauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("openfraud_audit_chain_valid"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("openfraud_audit_chain_valid is not exported"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
