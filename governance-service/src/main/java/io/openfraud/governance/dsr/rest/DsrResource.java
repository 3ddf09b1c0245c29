package io.openfraud.governance.dsr.rest;

import io.openfraud.governance.access.Caller;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.dsr.model.DsrRecord;
import io.openfraud.governance.dsr.model.DsrStatus;
import io.openfraud.governance.dsr.model.DsrType;
import io.openfraud.governance.dsr.model.Jurisdiction;
import io.openfraud.governance.dsr.service.AccessExport;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.governance.dsr.service.SubjectResolver;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Data-subject requests. A caller with only the {@code subject} role is bound to the pseudonym in its token's
 * {@code sub} claim: it may file, verify, read and export its own requests only (OWASP API1); anything else is 404,
 * so request ids cannot be probed. Operators ({@code admin}) file requests and record identity checks; the
 * {@code dpo} approves, denies and extends; {@code reviewer}s decide human-review cases (ReviewResource).
 */
@Path("/api/v1/dsr")
@Produces(MediaType.APPLICATION_JSON)
public class DsrResource {

    private final DsrService requests;
    private final SubjectResolver resolver;
    private final AuditTrail audit;
    private final Caller caller;

    DsrResource(DsrService requests, SubjectResolver resolver, AuditTrail audit, Caller caller) {
        this.requests = requests;
        this.resolver = resolver;
        this.audit = audit;
        this.caller = caller;
    }

    /** The subject, named by exactly one identifier; none of them is stored or logged as given. */
    public record Subject(String customerId, String email, String cardNumber) {
        @Override
        public String toString() {
            return "Subject[redacted]";
        }
    }

    /** Body of a new request. */
    public record NewRequest(DsrType type, Subject subject, Jurisdiction jurisdiction, Map<String, Object> details) {
    }

    /** Body carrying a one-time code. */
    public record Code(String code) {
    }

    /** Body of an operator's identity check. */
    public record Check(String evidence) {
    }

    /** Body of a denial. */
    public record Denial(String reason) {
    }

    /** Body of an extension. */
    public record Extension(int extension, String reason) {
    }

    /** Body of closing a rectification. */
    public record Completion(String note) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN, Roles.DPO})
    @Operation(summary = "File a data-subject request", description = "type ACCESS, RECTIFICATION, ERASURE, "
            + "RESTRICTION, PORTABILITY, OBJECTION or HUMAN_REVIEW (details.transactionId); jurisdiction EU "
            + "(one month) or CA (CCPA: 45 days). The subject (customerId, email or cardNumber) resolves to the keyed "
            + "pseudonym ingestion uses. Starts IDENTITY_UNVERIFIED.")
    public Response create(NewRequest body) {
        if (body == null || body.type() == null || body.subject() == null || body.jurisdiction() == null) {
            throw ProblemException.badRequest("type, subject and jurisdiction are required.", List.of(
                    new Problem.FieldError("type", "one of " + List.of(DsrType.values()), "dsr.type"),
                    new Problem.FieldError("jurisdiction", "EU or CA", "dsr.jurisdiction")));
        }
        SubjectResolver.Resolved subject = resolver.resolve(body.subject().customerId(), body.subject().email(),
                body.subject().cardNumber());
        if (caller.isDataSubjectOnly() && !subject.pseudonym().equals(caller.subject())) {
            audit.record(new AuditEvent(caller.actor(), "DSR_RECEIVED", "dsr", AuditEvent.DENIED, caller.origin(),
                    Map.of("reason", "subject token does not match the named subject")));
            throw new ProblemException(403, "A data subject may file requests about themselves only.");
        }
        DsrRecord record = requests.create(body.type(), body.jurisdiction(), subject, body.details(), actor());
        return Response.status(201).entity(view(record)).build();
    }

    @GET
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN, Roles.DPO})
    @Operation(summary = "List requests", description = "A data subject sees their own; staff may filter by status.")
    public List<DsrView> list(@QueryParam("status") DsrStatus status) {
        List<DsrRecord> all = requests.list(caller.isDataSubjectOnly() ? caller.subject() : null);
        return all.stream().filter(r -> status == null || r.status() == status).map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN, Roles.DPO})
    @Operation(summary = "One request", description = "Status, dueAt, daysLeft, extension, reviewer, and per "
            + "service, store and field what was removed and what is retained (legal basis, delete-after date).")
    public DsrView get(@PathParam("id") String id) {
        return view(owned(id, "DSR_READ"));
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.ADMIN, Roles.DPO})
    @Operation(summary = "Audit entries of one request", description = "Who did what, when, outcome and origin.")
    public List<Map<String, Object>> auditOf(@PathParam("id") String id) {
        requests.get(id);
        return audit.forResource("dsr/" + id);
    }

    @POST
    @Path("/{id}/identity/code")
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN, Roles.DPO})
    @Operation(summary = "Send a one-time code", description = "To the subject's verified channel (the dev outbox "
            + "collection identity_outbox here); the code never appears in logs or responses.")
    public Response sendCode(@PathParam("id") String id) {
        owned(id, null);
        requests.sendCode(id, actor());
        return Response.accepted(Map.of("delivered", "identity_outbox")).build();
    }

    @POST
    @Path("/{id}/identity/code/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN})
    @Operation(summary = "Confirm the one-time code", description = "Records the verification; the request "
            + "becomes PENDING.")
    public DsrView confirm(@PathParam("id") String id, Code body) {
        owned(id, null);
        return view(requests.confirmCode(id, body == null ? null : body.code(), actor()));
    }

    @POST
    @Path("/{id}/identity/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Record an operator's identity check", description = "What was checked (document type and "
            + "reference), never a copy; the request becomes PENDING.")
    public DsrView check(@PathParam("id") String id, Check body) {
        return view(requests.recordOperatorCheck(id, body == null ? null : body.evidence(), actor()));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Approve and carry out", description = "409 without a recorded identity verification. "
            + "ERASURE, RESTRICTION, OBJECTION: gdpr.commands, then COMPLETE when every expected service answered "
            + "on gdpr.events, or ERROR naming the missing ones after openfraud.dsr.answer-timeout. ACCESS, "
            + "PORTABILITY: REST fan-out to every subject-data interface. HUMAN_REVIEW: opens a review case.")
    public DsrView approve(@PathParam("id") String id) {
        return view(requests.approve(id, actor()));
    }

    @POST
    @Path("/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Deny, with a reason")
    public DsrView deny(@PathParam("id") String id, Denial body) {
        return view(requests.deny(id, body == null ? null : body.reason(), actor()));
    }

    @POST
    @Path("/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Extend the deadline", description = "EU: up to 2 more months; CA: up to 45 more days; "
            + "with a reason.")
    public DsrView extend(@PathParam("id") String id, Extension body) {
        if (body == null) {
            throw ProblemException.badRequest("extension and reason are required.", List.of());
        }
        return view(requests.extend(id, body.extension(), body.reason(), actor()));
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Close a rectification", description = "After the source is corrected and recipients are "
            + "notified (Art. 19), per the runbook.")
    public DsrView complete(@PathParam("id") String id, Completion body) {
        return view(requests.completeManually(id, body == null ? null : body.note(), actor()));
    }

    @GET
    @Path("/{id}/export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.SUBJECT, Roles.DPO})
    @Operation(summary = "The access or portability export", description = "JSON; format=csv for PORTABILITY "
            + "(provided data only).")
    public Response export(@PathParam("id") String id, @QueryParam("format") String format) {
        DsrRecord record = owned(id, "DSR_EXPORT_READ");
        Map<String, Object> document = requests.export(id).orElseThrow(() ->
                new ProblemException(404, "No export for this request (not an access or portability request, or "
                        + "not complete)."));
        if ("csv".equalsIgnoreCase(format)) {
            if (record.type() != DsrType.PORTABILITY) {
                throw new ProblemException(400, "CSV is offered for PORTABILITY requests.");
            }
            return Response.ok(AccessExport.csv(document), "text/csv").build();
        }
        return Response.ok(document, MediaType.APPLICATION_JSON).build();
    }

    /** The request, if the caller may see it: a bound subject gets 404 for anyone else's (no probing). */
    private DsrRecord owned(String id, String auditAction) {
        DsrRecord record = requests.find(id);
        if (record == null || (caller.isDataSubjectOnly() && !record.subjectPseudonym().equals(caller.subject()))) {
            audit.record(new AuditEvent(caller.actor(), auditAction == null ? "DSR_ACCESS" : auditAction,
                    "dsr/" + id, AuditEvent.DENIED, caller.origin(), Map.of()));
            throw new ProblemException(404, "No such data-subject request.");
        }
        if (auditAction != null) {
            requests.auditRead(auditAction, record, actor(), AuditEvent.SUCCESS);
        }
        return record;
    }

    private DsrView view(DsrRecord record) {
        return DsrView.of(record, requests.now(), requests);
    }

    private DsrService.Actor actor() {
        return new DsrService.Actor(caller.actor(), caller.origin());
    }
}
