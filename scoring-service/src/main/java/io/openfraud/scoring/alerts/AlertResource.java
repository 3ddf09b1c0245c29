package io.openfraud.scoring.alerts;

import io.openfraud.events.label.LabelValue;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The analyst queue over REST: open REVIEW cases, oldest first, and their resolution. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    /** The note is free text: refuse anything that could be a card number (13 or more digits in a run). */
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9](?:[ -]?[0-9]){12}");
    static final int NOTE_MAX = 2000;

    private final AlertQueue queue;
    private final SecurityIdentity identity;

    AlertResource(AlertQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    /**
     * Body of a resolution.
     *
     * @param outcome FRAUD or LEGIT
     * @param note    the analyst's note (optional, at most 2000 characters, no card numbers)
     */
    public record ResolutionRequest(String outcome, String note) {
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "The analyst queue", description = "Cases opened by REVIEW decisions, oldest first; "
            + "status OPEN (default) or RESOLVED; page from 0, size 1-500 (default 50).")
    public AlertPage list(@QueryParam("status") @DefaultValue("OPEN") String status,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return queue.list(status(status), page, size);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "One alert case")
    public AlertCase get(@PathParam("id") String id) {
        return queue.get(id(id)).orElseThrow(() -> new ProblemException(404, "No such alert case."));
    }

    @POST
    @Path("{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Resolve an alert case", description = "Outcome FRAUD or LEGIT and a note; closes the case "
            + "once (409 after), records who and when, and publishes the outcome on labels.feedback (source ANALYST).")
    public AlertCase resolve(@PathParam("id") String id, ResolutionRequest body) {
        UUID caseId = id(id);
        if (body == null || body.outcome() == null) {
            throw ProblemException.badRequest("An outcome is required.",
                    List.of(new Problem.FieldError("outcome", "required: FRAUD or LEGIT")));
        }
        LabelValue outcome;
        try {
            outcome = LabelValue.valueOf(body.outcome().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown outcome.",
                    List.of(new Problem.FieldError("outcome", "must be FRAUD or LEGIT")));
        }
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        if (note != null && (note.length() > NOTE_MAX || DIGIT_RUN.matcher(note).find())) {
            throw ProblemException.badRequest("The note is refused.", List.of(new Problem.FieldError("note",
                    "at most " + NOTE_MAX + " characters and no run of 13 or more digits (card numbers)")));
        }
        return queue.resolve(caseId, outcome, note, identity.getPrincipal().getName());
    }

    private static AlertCase.Status status(String value) {
        try {
            return AlertCase.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown status.",
                    List.of(new Problem.FieldError("status", "must be OPEN or RESOLVED")));
        }
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "No such alert case.");
        }
    }
}
