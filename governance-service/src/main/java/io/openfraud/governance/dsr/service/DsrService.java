package io.openfraud.governance.dsr.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.config.DsrConfig;
import io.openfraud.governance.dsr.model.DsrRecord;
import io.openfraud.governance.dsr.model.DsrStatus;
import io.openfraud.governance.dsr.model.DsrType;
import io.openfraud.governance.dsr.model.Jurisdiction;
import io.openfraud.governance.review.service.ReviewService;
import io.openfraud.messaging.KeyedSend;
import io.openfraud.web.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The lifecycle of data-subject requests: IDENTITY_UNVERIFIED until an identity verification is recorded (a one-time
 * code or an operator's check), PENDING until a DPO approves or denies, then IN_PROCESSING while the right is carried
 * out (gdpr.commands answered on gdpr.events, a REST fan-out for access and portability, a human review), and COMPLETE,
 * DENIED or ERROR. Every step is audited with who, what, when, outcome, origin and resource. Writes are serialised in
 * this process (mongo-java-server and DocumentDB give no multi-document transactions; one replica owns the schedule).
 */
@ApplicationScoped
public class DsrService {

    private static final Logger LOG = Logger.getLogger(DsrService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DsrStore store;
    private final AuditTrail audit;
    private final DsrConfig config;
    private final Clock clock;
    private final AccessExport exports;
    private final ReviewService reviews;
    private final Emitter<io.openfraud.events.EventEnvelope<GdprCommand>> commands;
    private final Map<DsrType, AtomicLong> nearDeadline = new EnumMap<>(DsrType.class);

    DsrService(DsrStore store, AuditTrail audit, DsrConfig config, Clock clock, AccessExport exports,
            ReviewService reviews, @Channel("gdpr-commands") Emitter<io.openfraud.events.EventEnvelope<GdprCommand>>
                    commands, MeterRegistry registry) {
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.exports = exports;
        this.reviews = reviews;
        this.commands = commands;
        for (DsrType type : DsrType.values()) {
            AtomicLong count = new AtomicLong();
            nearDeadline.put(type, count);
            Gauge.builder("openfraud.dsr.requests.near.deadline", count, AtomicLong::get)
                    .description("Open data-subject requests with at most openfraud.dsr.near-deadline-days left")
                    .tag("type", type.name()).register(registry);
        }
    }

    /** Who acts and from where, for the audit trail. */
    public record Actor(String who, String origin) {
    }

    /** Records a new request (IDENTITY_UNVERIFIED). */
    public synchronized DsrRecord create(DsrType type, Jurisdiction jurisdiction, SubjectResolver.Resolved subject,
            Map<String, Object> details, Actor actor) {
        if (type == DsrType.HUMAN_REVIEW && (details == null || !(details.get("transactionId") instanceof String))) {
            throw ProblemException.badRequest("A HUMAN_REVIEW request names the transaction reviewed.",
                    List.of(new io.openfraud.web.problem.Problem.FieldError("details.transactionId", "is required",
                            "dsr.human-review.transaction")));
        }
        checkDetails(details);
        Instant now = clock.instant();
        DsrRecord record = new DsrRecord(UUID.randomUUID().toString(), type, jurisdiction,
                jurisdiction == Jurisdiction.CA ? type.ccpaRight() : null, subject.kind(), subject.pseudonym(),
                DsrStatus.IDENTITY_UNVERIFIED, null, now, 0, null, null, null, null, null, null, null, null, null,
                details == null ? Map.of() : details, null);
        store.save(record);
        audited(actor, "DSR_RECEIVED", record, AuditEvent.SUCCESS, Map.of("type", type.name(),
                "jurisdiction", jurisdiction.name()));
        refreshDeadlines();
        return record;
    }

    /**
     * Details are free input that is stored: only a transaction id and, for a rectification, the names of the fields to
     * correct (never their values, which could be a card number or other personal data).
     */
    private static void checkDetails(Map<String, Object> details) {
        if (details == null) {
            return;
        }
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            boolean valid = switch (entry.getKey()) {
                case "transactionId" -> entry.getValue() instanceof String id && id.matches("[A-Za-z0-9_.:-]{1,128}")
                        && !id.matches("\\d{12,19}");
                case "fields" -> entry.getValue() instanceof List<?> names && names.size() <= 20
                        && names.stream().allMatch(n -> n instanceof String name && name.matches("[A-Za-z][A-Za-z0-9_.]{0,63}"));
                default -> false;
            };
            if (!valid) {
                throw ProblemException.badRequest("details holds only transactionId and, for a rectification, the "
                        + "names of the fields to correct.", List.of(new io.openfraud.web.problem.Problem.FieldError(
                                "details." + entry.getKey(), "not accepted", "dsr.details")));
            }
        }
    }

    public DsrRecord get(String id) {
        return store.find(id).orElseThrow(() -> new ProblemException(404, "No such data-subject request."));
    }

    /** The request, or null. */
    public DsrRecord find(String id) {
        return store.find(id).orElse(null);
    }

    public List<DsrRecord> list(String subjectPseudonym) {
        return subjectPseudonym == null ? store.all() : store.bySubject(subjectPseudonym);
    }

    /** Sends a one-time code to the subject's verified channel (the dev outbox here); only its hash is kept. */
    public synchronized void sendCode(String id, Actor actor) {
        DsrRecord record = get(id);
        requireStatus(record, DsrStatus.IDENTITY_UNVERIFIED, "send a verification code");
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        store.save(record.withCode(sha256(id + ":" + code), now.plus(config.codeValidity())));
        store.deliverCode(id, record.subjectPseudonym(), code, now);
        audited(actor, "DSR_IDENTITY_CODE_SENT", record, AuditEvent.SUCCESS, Map.of("channel", "dev-outbox"));
    }

    /** Checks a one-time code; a match records the verification and the request becomes PENDING. */
    public synchronized DsrRecord confirmCode(String id, String code, Actor actor) {
        DsrRecord record = get(id);
        requireStatus(record, DsrStatus.IDENTITY_UNVERIFIED, "verify the identity");
        boolean valid = code != null && record.codeHash() != null && record.codeExpiresAt() != null
                && clock.instant().isBefore(record.codeExpiresAt())
                && MessageDigest.isEqual(record.codeHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(id + ":" + code).getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            audited(actor, "DSR_IDENTITY_VERIFIED", record, AuditEvent.DENIED, Map.of("method", "ONE_TIME_CODE"));
            throw new ProblemException(422, "The code is wrong or expired; ask for a new one.");
        }
        DsrRecord verified = record.withVerification(new DsrRecord.Verification("ONE_TIME_CODE", null, actor.who(),
                clock.instant()));
        store.save(verified);
        audited(actor, "DSR_IDENTITY_VERIFIED", verified, AuditEvent.SUCCESS, Map.of("method", "ONE_TIME_CODE"));
        return verified;
    }

    /** Records an operator's identity check (what was checked, not a copy of it); the request becomes PENDING. */
    public synchronized DsrRecord recordOperatorCheck(String id, String evidence, Actor actor) {
        DsrRecord record = get(id);
        requireStatus(record, DsrStatus.IDENTITY_UNVERIFIED, "verify the identity");
        if (evidence == null || evidence.isBlank() || evidence.length() > 200) {
            throw ProblemException.badRequest("Describe the check (document type and reference, at most 200 "
                    + "characters).", List.of(new io.openfraud.web.problem.Problem.FieldError("evidence",
                            "is required", "dsr.identity.evidence")));
        }
        DsrRecord verified = record.withVerification(new DsrRecord.Verification("OPERATOR_CHECK", evidence,
                actor.who(), clock.instant()));
        store.save(verified);
        audited(actor, "DSR_IDENTITY_VERIFIED", verified, AuditEvent.SUCCESS, Map.of("method", "OPERATOR_CHECK"));
        return verified;
    }

    /** A DPO approves: refused without a recorded verification; then the right is carried out. */
    public DsrRecord approve(String id, Actor actor) {
        DsrRecord approved;
        synchronized (this) {
            DsrRecord record = get(id);
            if (record.verification() == null) {
                audited(actor, "DSR_APPROVED", record, AuditEvent.DENIED, Map.of("reason", "identity not verified"));
                throw new ProblemException(409, "The subject's identity has not been verified: send and confirm a "
                        + "one-time code, or record an operator's check, first.");
            }
            requireStatus(record, DsrStatus.PENDING, "approve");
            approved = record.withDecision(DsrStatus.APPROVED, null, actor.who(), clock.instant());
            store.save(approved);
            audited(actor, "DSR_APPROVED", approved, AuditEvent.SUCCESS, Map.of());
        }
        return execute(approved, actor);
    }

    /** A DPO denies, with a reason (for example manifestly unfounded, Art. 12(5)). */
    public synchronized DsrRecord deny(String id, String reason, Actor actor) {
        DsrRecord record = get(id);
        if (!record.status().open() || record.status() == DsrStatus.IN_PROCESSING) {
            throw new ProblemException(409, "The request is " + record.status() + "; it can no longer be denied.");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("A denial needs a reason.", List.of(
                    new io.openfraud.web.problem.Problem.FieldError("reason", "is required", "dsr.deny.reason")));
        }
        DsrRecord denied = record.withDecision(DsrStatus.DENIED, reason, actor.who(), clock.instant());
        store.save(denied);
        audited(actor, "DSR_DENIED", denied, AuditEvent.SUCCESS, Map.of("reason", reason));
        refreshDeadlines();
        return denied;
    }

    /** Extends the deadline (EU: up to two more months; CA: up to 45 more days), with a reason. */
    public synchronized DsrRecord extend(String id, int units, String reason, Actor actor) {
        DsrRecord record = get(id);
        if (!record.status().open()) {
            throw new ProblemException(409, "The request is " + record.status() + "; it cannot be extended.");
        }
        int max = record.jurisdiction().maxExtension();
        if (units < 1 || units > max || reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("An extension is 1 to " + max + " "
                    + record.jurisdiction().extensionUnit().toLowerCase() + " in total, with a reason.",
                    List.of(new io.openfraud.web.problem.Problem.FieldError("extension", "1 to " + max,
                            "dsr.extension.range")));
        }
        DsrRecord extended = record.withExtension(units, reason);
        store.save(extended);
        audited(actor, "DSR_EXTENDED", extended, AuditEvent.SUCCESS, Map.of("extension", units,
                "unit", record.jurisdiction().extensionUnit(), "reason", reason));
        refreshDeadlines();
        return extended;
    }

    private DsrRecord execute(DsrRecord approved, Actor actor) {
        GdprCommand.Action action = approved.type().command();
        if (action != null) {
            return sendCommand(approved, action, actor);
        }
        return switch (approved.type()) {
            case ACCESS, PORTABILITY -> fanOut(approved, actor);
            case HUMAN_REVIEW -> openReview(approved, actor);
            default -> manual(approved, actor);
        };
    }

    private synchronized DsrRecord sendCommand(DsrRecord approved, GdprCommand.Action action, Actor actor) {
        Instant now = clock.instant();
        Instant respondBy = now.plus(config.answerTimeout());
        DsrRecord waiting = approved.awaiting(config.expectedServices(), respondBy);
        store.save(waiting);
        GdprCommand command = new GdprCommand(approved.id(), action, approved.subjectPseudonym(), now, respondBy);
        try {
            KeyedSend.send(commands, io.openfraud.events.EventEnvelope.of(Topics.GDPR_COMMANDS, Services.GOVERNANCE,
                    command, now), approved.subjectPseudonym(), null).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            DsrRecord failed = waiting.withStatus(DsrStatus.ERROR, "could not publish gdpr.commands", now);
            store.save(failed);
            audited(actor, "DSR_COMMAND_SENT", failed, AuditEvent.FAILURE, Map.of("action", action.name()));
            return failed;
        }
        audited(actor, "DSR_COMMAND_SENT", waiting, AuditEvent.SUCCESS, Map.of("action", action.name(),
                "expectedServices", config.expectedServices(), "respondBy", respondBy.toString()));
        if (action == GdprCommand.Action.ERASE) {
            // Governance's own copies of the subject's data: the access exports. The requests, consents and audit
            // entries stay as evidence (Art. 5(2), 7(1), PCI-DSS 10), under the pseudonym only.
            long deleted = store.deleteExportsOf(approved.subjectPseudonym());
            audited(actor, "DSR_OWN_COPIES_ERASED", waiting, AuditEvent.SUCCESS, Map.of("store",
                    "mongodb:governance.dsr_exports", "records", deleted));
        }
        return waiting;
    }

    /** Records one service's answer; the request completes when every expected service answered. */
    public synchronized void recordAnswer(String eventId, String producer, GdprEvent event) {
        DsrRecord record = store.find(event.requestId()).orElse(null);
        Actor actor = new Actor(producer, "kafka:" + Topics.GDPR_EVENTS_NAME);
        if (record == null || record.status() != DsrStatus.IN_PROCESSING || record.expectedServices() == null) {
            LOG.infof("answer from %s to request %s ignored (unknown or not awaiting answers)", event.service(),
                    event.requestId());
            return;
        }
        if (!event.subjectPseudonym().equals(record.subjectPseudonym())) {
            audit.record(new AuditEvent(actor.who(), "DSR_ANSWER_RECEIVED", "dsr/" + record.id(), AuditEvent.DENIED,
                    actor.origin(), Map.of("service", event.service(), "reason", "subject mismatch")));
            return;
        }
        Map<String, DsrRecord.ServiceAnswer> answers = new LinkedHashMap<>(record.answers() == null ? Map.of()
                : record.answers());
        answers.put(event.service(), new DsrRecord.ServiceAnswer(event.outcome().name(), event.effects(),
                event.error(), event.completedAt()));
        DsrRecord updated = record.withAnswers(answers);
        audited(actor, "DSR_ANSWER_RECEIVED", updated, event.outcome() == GdprEvent.Outcome.DONE ? AuditEvent.SUCCESS
                : AuditEvent.FAILURE, Map.of("service", event.service(), "effects", event.effects().size(),
                        "eventId", eventId));
        List<String> missing = missing(updated);
        if (missing.isEmpty()) {
            List<String> failed = answers.entrySet().stream().filter(e -> !"DONE".equals(e.getValue().outcome()))
                    .map(Map.Entry::getKey).sorted().toList();
            updated = failed.isEmpty() ? updated.withStatus(DsrStatus.COMPLETE, null, clock.instant())
                    : updated.withStatus(DsrStatus.ERROR, "failed in " + failed, clock.instant());
            audited(actor, failed.isEmpty() ? "DSR_COMPLETED" : "DSR_FAILED", updated,
                    failed.isEmpty() ? AuditEvent.SUCCESS : AuditEvent.FAILURE, Map.of());
        }
        store.save(updated);
        refreshDeadlines();
    }

    /** Requests whose answers are overdue go to ERROR, naming the services that did not answer. */
    @Scheduled(every = "${openfraud.dsr.check-every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void checkTimeouts() {
        Instant now = clock.instant();
        for (DsrRecord record : store.open()) {
            if (record.status() == DsrStatus.IN_PROCESSING && record.respondBy() != null
                    && now.isAfter(record.respondBy())) {
                List<String> missing = missing(record);
                DsrRecord failed = record.withStatus(DsrStatus.ERROR, "no answer from " + missing, now);
                store.save(failed);
                audited(new Actor("governance-service", "scheduler"), "DSR_TIMED_OUT", failed, AuditEvent.FAILURE,
                        Map.of("missingServices", missing));
            }
        }
        refreshDeadlines();
    }

    /** Recounts the open requests near their deadline, per type (openfraud_dsr_requests_near_deadline). */
    public void refreshDeadlines() {
        Map<DsrType, Long> counts = new EnumMap<>(DsrType.class);
        Instant now = clock.instant();
        for (DsrRecord record : store.open()) {
            if (daysLeft(record, now) <= config.nearDeadlineDays()) {
                counts.merge(record.type(), 1L, Long::sum);
            }
        }
        nearDeadline.forEach((type, count) -> count.set(counts.getOrDefault(type, 0L)));
    }

    /** Whole days until the deadline (negative when overdue). */
    public long daysLeft(DsrRecord record, Instant now) {
        return Math.floorDiv(Duration.between(now, record.dueAt()).toHours(), 24);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Expected services that have not answered. */
    public static List<String> missing(DsrRecord record) {
        if (record.expectedServices() == null) {
            return List.of();
        }
        Map<String, DsrRecord.ServiceAnswer> answers = record.answers() == null ? Map.of() : record.answers();
        return record.expectedServices().stream().filter(s -> !answers.containsKey(s)).sorted().toList();
    }

    private DsrRecord fanOut(DsrRecord approved, Actor actor) {
        DsrRecord processing = approved.withStatus(DsrStatus.IN_PROCESSING, null, null);
        synchronized (this) {
            store.save(processing);
        }
        AccessExport.Result result = exports.build(processing);
        synchronized (this) {
            DsrRecord done;
            if (result.failedServices().isEmpty()) {
                store.saveExport(processing.id(), result.document());
                done = processing.withStatus(DsrStatus.COMPLETE, null, clock.instant());
                audited(actor, "DSR_EXPORT_BUILT", done, AuditEvent.SUCCESS, Map.of("services", result.services()));
            } else {
                done = processing.withStatus(DsrStatus.ERROR, "no answer from " + result.failedServices(),
                        clock.instant());
                audited(actor, "DSR_EXPORT_BUILT", done, AuditEvent.FAILURE,
                        Map.of("missingServices", result.failedServices()));
            }
            store.save(done);
            refreshDeadlines();
            return done;
        }
    }

    private synchronized DsrRecord openReview(DsrRecord approved, Actor actor) {
        String transactionId = (String) approved.details().get("transactionId");
        String caseId = reviews.open(transactionId, approved.id(), approved.subjectPseudonym(),
                "Art. 22 request " + approved.id(), actor);
        DsrRecord processing = approved.withStatus(DsrStatus.IN_PROCESSING, null, null)
                .withDetails(Map.of("caseId", caseId));
        store.save(processing);
        audited(actor, "DSR_REVIEW_OPENED", processing, AuditEvent.SUCCESS, Map.of("caseId", caseId));
        return processing;
    }

    /** A reviewer decided the case of a HUMAN_REVIEW request: the request completes with the outcome. */
    public synchronized void reviewDecided(String requestId, Map<String, Object> outcome, Actor actor) {
        store.find(requestId).filter(r -> r.status() == DsrStatus.IN_PROCESSING).ifPresent(record -> {
            DsrRecord done = record.withDetails(Map.of("reviewOutcome", outcome))
                    .withStatus(DsrStatus.COMPLETE, null, clock.instant());
            store.save(done);
            audited(actor, "DSR_COMPLETED", done, AuditEvent.SUCCESS, outcome);
            refreshDeadlines();
        });
    }

    /** RECTIFICATION: carried out at the source by an operator (runbook); the request records the hand-over. */
    private synchronized DsrRecord manual(DsrRecord approved, Actor actor) {
        DsrRecord processing = approved.withStatus(DsrStatus.IN_PROCESSING, null, null);
        store.save(processing);
        audited(actor, "DSR_HANDED_TO_OPERATOR", processing, AuditEvent.SUCCESS,
                Map.of("runbook", "docs/governance/runbooks.md#rectification"));
        return processing;
    }

    /** An operator closes a RECTIFICATION after correcting the source and notifying recipients (Art. 19). */
    public synchronized DsrRecord completeManually(String id, String note, Actor actor) {
        DsrRecord record = get(id);
        if (record.type() != DsrType.RECTIFICATION || record.status() != DsrStatus.IN_PROCESSING) {
            throw new ProblemException(409, "Only a RECTIFICATION in processing is closed by hand.");
        }
        DsrRecord done = record.withDetails(Map.of("completionNote", note == null ? "" : note))
                .withStatus(DsrStatus.COMPLETE, null, clock.instant());
        store.save(done);
        audited(actor, "DSR_COMPLETED", done, AuditEvent.SUCCESS, Map.of("recipientsNotified", true));
        refreshDeadlines();
        return done;
    }

    public java.util.Optional<Map<String, Object>> export(String id) {
        return store.export(id);
    }

    /** Audits an access to a request's data (who read which request or export). */
    public void auditRead(String action, DsrRecord record, Actor actor, String outcome) {
        audited(actor, action, record, outcome, Map.of());
    }

    private void audited(Actor actor, String action, DsrRecord record, String outcome, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("subject", record.subjectPseudonym());
        all.put("status", record.status().name());
        audit.record(new AuditEvent(actor.who(), action, "dsr/" + record.id(), outcome, actor.origin(), all));
    }

    private static void requireStatus(DsrRecord record, DsrStatus expected, String what) {
        if (record.status() != expected) {
            throw new ProblemException(409, "Cannot " + what + ": the request is " + record.status() + ".");
        }
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
