package io.openfraud.governance.consent.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consent per subject and purpose, as an append-only history ({@code consents}): the current state of a purpose is
 * its latest entry; withdrawing is as easy as giving (Art. 7(3)) and both are kept to demonstrate consent (Art. 7(1)).
 * Fraud prevention itself rests on legal obligation and legitimate interest, not consent, so it is not a purpose here.
 */
@ApplicationScoped
public class ConsentService {

    /** The purposes that rest on consent. */
    public static final List<String> PURPOSES = List.of("model-training", "analytics", "marketing");

    private final MongoCollection<Document> consents;
    private final AuditTrail audit;
    private final Clock clock;

    ConsentService(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AuditTrail audit, Clock clock) {
        this.consents = mongo.getDatabase(database).getCollection("consents");
        this.audit = audit;
        this.clock = clock;
    }

    void createIndexes(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000)
            StartupEvent start) {
        consents.createIndex(Indexes.ascending("subjectPseudonym"));
    }

    /** Records a grant or withdrawal. */
    public synchronized Map<String, Object> set(String subjectPseudonym, String purpose, boolean granted,
            String source, DsrService.Actor actor) {
        if (!PURPOSES.contains(purpose)) {
            throw ProblemException.badRequest("Unknown purpose.", List.of(new Problem.FieldError("purpose",
                    "one of " + PURPOSES, "consent.purpose")));
        }
        Document last = consents.find(Filters.eq("subjectPseudonym", subjectPseudonym))
                .sort(Sorts.descending("version")).first();
        long version = last == null ? 1 : last.getLong("version") + 1;
        consents.insertOne(new Document("subjectPseudonym", subjectPseudonym).append("version", version)
                .append("purpose", purpose).append("granted", granted)
                .append("source", source == null ? "api" : source).append("recordedBy", actor.who())
                .append("at", clock.instant().toString()));
        audit.record(new AuditEvent(actor.who(), granted ? "CONSENT_GIVEN" : "CONSENT_WITHDRAWN",
                "consent/" + subjectPseudonym + "/" + purpose, AuditEvent.SUCCESS, actor.origin(),
                Map.of("subject", subjectPseudonym, "purpose", purpose)));
        return of(subjectPseudonym);
    }

    /** Current consent per purpose (absent purposes: not given) and the full history, oldest first. */
    public Map<String, Object> of(String subjectPseudonym) {
        List<Map<String, Object>> history = consents.find(Filters.eq("subjectPseudonym", subjectPseudonym))
                .sort(Sorts.ascending("version")).map(d -> {
                    Map<String, Object> entry = new LinkedHashMap<>(d);
                    entry.remove("_id");
                    return entry;
                }).into(new ArrayList<>());
        Map<String, Boolean> current = new TreeMap<>();
        PURPOSES.forEach(p -> current.put(p, false));
        history.forEach(entry -> current.put((String) entry.get("purpose"), (Boolean) entry.get("granted")));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("subjectPseudonym", subjectPseudonym);
        result.put("current", current);
        result.put("history", history);
        return result;
    }
}
