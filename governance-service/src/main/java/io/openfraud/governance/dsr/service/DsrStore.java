package io.openfraud.governance.dsr.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.openfraud.governance.dsr.model.DsrRecord;
import io.openfraud.governance.dsr.model.DsrStatus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Data-subject requests ({@code dsr_requests}), their access exports ({@code dsr_exports}) and the dev outbox of
 * one-time codes ({@code identity_outbox}: stands in for the e-mail or SMS gateway; the code goes there, never to logs).
 */
@ApplicationScoped
public class DsrStore {

    private final MongoCollection<Document> requests;
    private final MongoCollection<Document> exports;
    private final MongoCollection<Document> outbox;
    private final ObjectMapper mapper;

    DsrStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            ObjectMapper mapper) {
        var db = mongo.getDatabase(database);
        this.requests = db.getCollection("dsr_requests");
        this.exports = db.getCollection("dsr_exports");
        this.outbox = db.getCollection("identity_outbox");
        this.mapper = mapper;
    }

    void createIndexes(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000)
            StartupEvent start) {
        requests.createIndex(Indexes.ascending("id"), new com.mongodb.client.model.IndexOptions().unique(true));
        requests.createIndex(Indexes.ascending("subjectPseudonym"));
        requests.createIndex(Indexes.ascending("status"));
    }

    public void save(DsrRecord record) {
        requests.replaceOne(Filters.eq("id", record.id()), toDocument(record), new ReplaceOptions().upsert(true));
    }

    public Optional<DsrRecord> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("id", id)).first()).map(this::fromDocument);
    }

    public List<DsrRecord> all() {
        return query(new Document());
    }

    public List<DsrRecord> bySubject(String pseudonym) {
        return query(Filters.eq("subjectPseudonym", pseudonym));
    }

    public List<DsrRecord> open() {
        return query(Filters.in("status", List.of(DsrStatus.IDENTITY_UNVERIFIED.name(), DsrStatus.PENDING.name(),
                DsrStatus.APPROVED.name(), DsrStatus.IN_PROCESSING.name())));
    }

    public void saveExport(String requestId, Map<String, Object> document) {
        exports.replaceOne(Filters.eq("requestId", requestId),
                new Document("requestId", requestId).append("createdAt", ((String) document.get("generatedAt")))
                        .append("document", Document.parse(write(document))),
                new ReplaceOptions().upsert(true));
    }

    /** Deletes the access exports held for {@code pseudonym}'s requests (copies of their data); returns how many. */
    public long deleteExportsOf(String pseudonym) {
        List<String> ids = bySubject(pseudonym).stream().map(DsrRecord::id).toList();
        return ids.isEmpty() ? 0 : exports.deleteMany(Filters.in("requestId", ids)).getDeletedCount();
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> export(String requestId) {
        Document found = exports.find(Filters.eq("requestId", requestId)).first();
        if (found == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(found.get("document", Document.class).toJson(), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable export of " + requestId, e);
        }
    }

    /** Delivers a one-time code to the dev outbox (a stand-in for the subject's verified channel). */
    public void deliverCode(String requestId, String pseudonym, String code, java.time.Instant at) {
        outbox.insertOne(new Document("requestId", requestId).append("recipient", pseudonym)
                .append("channel", "dev-outbox").append("code", code).append("createdAt", at.toString()));
    }

    private List<DsrRecord> query(Bson filter) {
        return requests.find(filter).sort(Sorts.ascending("receivedAt")).map(this::fromDocument)
                .into(new ArrayList<>());
    }

    private Document toDocument(DsrRecord record) {
        return Document.parse(write(record));
    }

    private DsrRecord fromDocument(Document document) {
        document.remove("_id");
        try {
            return mapper.readValue(document.toJson(), DsrRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable data-subject request", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }
}
