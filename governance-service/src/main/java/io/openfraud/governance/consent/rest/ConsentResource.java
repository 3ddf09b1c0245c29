package io.openfraud.governance.consent.rest;

import io.openfraud.governance.access.Caller;
import io.openfraud.governance.consent.service.ConsentService;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Consent per subject and purpose, with history. A data subject reads and changes only their own. */
@Path("/api/v1/consents/{pseudonym}")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentService consents;
    private final Caller caller;

    ConsentResource(ConsentService consents, Caller caller) {
        this.consents = consents;
        this.caller = caller;
    }

    /** Body of a change. */
    public record ConsentChange(Boolean granted, String source) {
    }

    @GET
    @RolesAllowed({Roles.SUBJECT, Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Consent of a subject", description = "Current state per purpose and the history.")
    public Map<String, Object> get(@PathParam("pseudonym") String pseudonym) {
        return consents.of(owned(pseudonym));
    }

    @PUT
    @Path("/{purpose}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUBJECT, Roles.ADMIN})
    @Operation(summary = "Give or withdraw consent for a purpose", description = "Purposes: model-training, "
            + "analytics, marketing. Appends to the history.")
    public Map<String, Object> set(@PathParam("pseudonym") String pseudonym, @PathParam("purpose") String purpose,
            ConsentChange body) {
        if (body == null || body.granted() == null) {
            throw ProblemException.badRequest("granted is required.", List.of(new Problem.FieldError("granted",
                    "true or false", "consent.granted")));
        }
        return consents.set(owned(pseudonym), purpose, body.granted(), body.source(),
                new DsrService.Actor(caller.actor(), caller.origin()));
    }

    private String owned(String pseudonym) {
        if (caller.isDataSubjectOnly() && !pseudonym.equals(caller.subject())) {
            throw new ProblemException(404, "No such subject.");
        }
        return pseudonym;
    }
}
