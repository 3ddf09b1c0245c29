package io.openfraud.governance.review.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.scoring.Decision;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.messaging.KeyedSend;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Human review of automated decisions (RGPD Art. 22(3)): a case per reviewed transaction ({@code review_cases}), in
 * the reviewers' queue; a reviewer confirms or overturns the original decision, and the outcome goes to the request
 * that asked for it, to {@code decisions.reviewed} (ingestion keeps it beside the original) and to
 * {@code labels.feedback} (retraining learns from it).
 */
@ApplicationScoped
public class ReviewService {

    private final MongoCollection<Document> cases;
    private final AuditTrail audit;
    private final Clock clock;
    private final Instance<DsrService> requests;
    private final Emitter<EventEnvelope<ReviewedDecision>> reviewed;
    private final Emitter<EventEnvelope<LabelFeedback>> labels;

    ReviewService(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
            AuditTrail audit, Clock clock, Instance<DsrService> requests,
            @Channel("decisions-reviewed") Emitter<EventEnvelope<ReviewedDecision>> reviewed,
            @Channel("labels-feedback") Emitter<EventEnvelope<LabelFeedback>> labels) {
        this.cases = mongo.getDatabase(database).getCollection("review_cases");
        this.audit = audit;
        this.clock = clock;
        this.requests = requests;
        this.reviewed = reviewed;
        this.labels = labels;
    }

    /** Opens a case on the latest automated decision about {@code transactionId}; returns the case id. */
    public synchronized String open(String transactionId, String requestId, String subjectPseudonym, String reason,
            DsrService.Actor actor) {
        Map<String, Object> decision = audit.latestDecision(transactionId).orElseThrow(() ->
                new ProblemException(404, "No automated decision is recorded for this transaction."));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) decision.get("details");
        String decidedAbout = (String) details.get("subject");
        if (subjectPseudonym != null && !subjectPseudonym.equals(decidedAbout)) {
            throw new ProblemException(403, "This decision is not about the requesting subject.");
        }
        Document existing = cases.find(Filters.and(Filters.eq("transactionId", transactionId),
                Filters.eq("status", "OPEN"))).first();
        if (existing != null) {
            return existing.getString("caseId");
        }
        String caseId = "review-" + UUID.randomUUID();
        Document document = new Document("caseId", caseId).append("transactionId", transactionId)
                .append("requestId", requestId).append("subjectPseudonym", decidedAbout)
                .append("originalDecision", details.get("decision")).append("score", details.get("score"))
                .append("modelVersion", details.get("modelVersion")).append("reasons", details.get("reasons"))
                .append("reason", reason).append("status", "OPEN").append("openedBy", actor.who())
                .append("openedAt", clock.instant().toString());
        cases.insertOne(document);
        audit.record(new AuditEvent(actor.who(), "REVIEW_OPENED", "review/" + caseId, AuditEvent.SUCCESS,
                actor.origin(), Map.of("transactionId", transactionId, "requestId", String.valueOf(requestId))));
        return caseId;
    }

    /** The cases in a status (OPEN: the queue), oldest first. */
    public List<Map<String, Object>> list(String status) {
        return cases.find(status == null ? new Document() : Filters.eq("status", status))
                .sort(Sorts.ascending("openedAt")).map(this::view).into(new ArrayList<>());
    }

    public Map<String, Object> get(String caseId) {
        Document found = cases.find(Filters.eq("caseId", caseId)).first();
        if (found == null) {
            throw new ProblemException(404, "No such review case.");
        }
        return view(found);
    }

    /** A reviewer confirms or overturns: the case closes and the outcome is published and sent to the request. */
    public Map<String, Object> decide(String caseId, Decision finalDecision, String comment, String reviewerId,
            DsrService.Actor actor) {
        Document updated;
        ReviewedDecision review;
        synchronized (this) {
            Document found = cases.find(Filters.eq("caseId", caseId)).first();
            if (found == null) {
                throw new ProblemException(404, "No such review case.");
            }
            if (!"OPEN".equals(found.getString("status"))) {
                throw new ProblemException(409, "The case is already " + found.getString("status") + ".");
            }
            if (actor.who().equals(found.getString("openedBy"))) {
                throw new ProblemException(403, "Whoever opened a case cannot decide it (separation of duties).");
            }
            Decision original = Decision.valueOf(found.getString("originalDecision"));
            Instant now = clock.instant();
            String status = original == finalDecision ? "CONFIRMED" : "OVERTURNED";
            LabelValue outcome = finalDecision == Decision.DECLINE ? LabelValue.FRAUD : LabelValue.LEGIT;
            review = new ReviewedDecision(caseId, found.getString("transactionId"), original, finalDecision, outcome,
                    reviewerId, now);
            publish(review, now);
            updated = new Document(found).append("status", status).append("finalDecision", finalDecision.name())
                    .append("outcome", outcome.name()).append("reviewer", reviewerId)
                    .append("comment", comment).append("reviewedAt", now.toString());
            cases.replaceOne(Filters.eq("caseId", caseId), updated);
            audit.record(new AuditEvent(actor.who(), "REVIEW_DECIDED", "review/" + caseId, AuditEvent.SUCCESS,
                    actor.origin(), Map.of("transactionId", review.transactionId(), "originalDecision",
                            original.name(), "finalDecision", finalDecision.name(), "status", status)));
        }
        String requestId = updated.getString("requestId");
        if (requestId != null) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("caseId", caseId);
            outcome.put("status", updated.getString("status"));
            outcome.put("originalDecision", review.originalDecision().name());
            outcome.put("finalDecision", review.finalDecision().name());
            outcome.put("reviewedAt", review.reviewedAt().toString());
            requests.get().reviewDecided(requestId, outcome, actor);
        }
        return view(updated);
    }

    private void publish(ReviewedDecision review, Instant now) {
        try {
            CompletableFuture.allOf(
                    KeyedSend.send(reviewed, EventEnvelope.of(Topics.DECISIONS_REVIEWED, Services.GOVERNANCE, review,
                            now), review.transactionId(), null),
                    KeyedSend.send(labels, EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.GOVERNANCE,
                            new LabelFeedback(review.transactionId(), review.outcome(), LabelSource.REVIEW, now), now),
                            review.transactionId(), null)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ProblemException(503, "The review could not be published; nothing was recorded, retry.");
        }
    }

    private Map<String, Object> view(Document document) {
        Map<String, Object> view = new LinkedHashMap<>(document);
        view.remove("_id");
        return view;
    }
}
