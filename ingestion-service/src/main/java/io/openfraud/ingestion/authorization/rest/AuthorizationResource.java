package io.openfraud.ingestion.authorization.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.ingestion.authorization.service.AuthorizationService;
import io.openfraud.ingestion.intake.rest.TransactionParser;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.web.overload.LoadShedding;
import io.openfraud.web.security.Roles;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Synchronous authorisation: the decision a payment system waits for. */
@Path("/api/v1/authorizations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizationResource {

    private final AuthorizationService authorizations;
    private final TransactionParser parser;
    private final LoadShedding shedding;

    AuthorizationResource(AuthorizationService authorizations, TransactionParser parser, LoadShedding shedding) {
        this.authorizations = authorizations;
        this.parser = parser;
        this.shedding = shedding;
    }

    /**
     * The answer to an authorisation.
     *
     * @param transactionId the client's id
     * @param duplicate     whether this id had been received before (the earlier decision is returned)
     * @param verdict       decision, score, reasons, model version, scorer, degraded
     */
    public record AuthorizationView(String transactionId, boolean duplicate, Verdict verdict) {
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Authorise one transaction", description = "Validates, masks, stores and scores it, and "
            + "answers with the decision. Scoring unavailable: REVIEW, marked degraded. 503 problem+json with "
            + "Retry-After when the request queued longer than openfraud.http.max-queue-time (overload): nothing "
            + "stored, the payment system's stand-in decides.")
    public Response authorize(JsonNode body, RoutingContext context) {
        shedding.admit(context);
        Admitted admitted = parser.parse(body);
        var transaction = admitted.transaction();
        AuthorizationService.Authorization result = authorizations.authorize(admitted);
        return Response.ok(new AuthorizationView(transaction.transactionId(), result.duplicate(), result.verdict()))
                .build();
    }
}
