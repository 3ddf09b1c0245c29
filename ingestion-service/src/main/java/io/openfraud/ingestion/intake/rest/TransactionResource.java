package io.openfraud.ingestion.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.ingestion.intake.service.IntakeService;
import io.openfraud.ingestion.intake.service.Replays;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.ingestion.review.service.ReviewService;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.overload.LoadShedding;
import io.openfraud.web.security.Roles;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Asynchronous intake of one canonical transaction, and the stored, masked result. */
@Path("/api/v1/transactions")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource {

    private final IntakeService intake;
    private final TransactionParser parser;
    private final ReviewService reviews;
    private final Replays replays;
    private final LoadShedding shedding;

    TransactionResource(IntakeService intake, TransactionParser parser, ReviewService reviews, Replays replays,
            LoadShedding shedding) {
        this.shedding = shedding;
        this.intake = intake;
        this.parser = parser;
        this.reviews = reviews;
        this.replays = replays;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Submit one transaction", description = "Validates it against the canonical transaction "
            + "schema, masks it, stores it and publishes it. 202 when accepted, 200 for a transactionId already "
            + "received with the same content (a replay; published once), 409 for a known transactionId with a "
            + "different content, 400 problem+json naming every bad field (nothing stored or published), 503 "
            + "problem+json with Retry-After when it queued longer than openfraud.http.max-queue-time (overload).")
    public Response submit(JsonNode body, RoutingContext context) {
        shedding.admit(context);
        Admitted admitted = parser.parse(body);
        Transaction transaction = admitted.transaction();
        IntakeService.Outcome outcome = intake.accept(admitted, Source.API);
        if (outcome == IntakeService.Outcome.DUPLICATE) {
            // a replay answers 200 DUPLICATE; another transaction under a known id is a 409
            intake.find(transaction.transactionId()).ifPresent(stored ->
                    replays.requireSameTransaction(stored, intake.mask(transaction)));
        }
        return Response.status(outcome == IntakeService.Outcome.ACCEPTED ? 202 : 200)
                .entity(new IntakeResult(transaction.transactionId(), outcome.name())).build();
    }

    @GET
    @Path("/{transactionId}")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One stored transaction", description = "Masked values and, once scored, the decision; "
            + "beside it the latest human review (decisions.reviewed), if any.")
    public TransactionView get(@PathParam("transactionId") String transactionId) {
        return intake.find(transactionId)
                .map(e -> TransactionView.of(e, reviews.latest(transactionId).orElse(null)))
                .orElseThrow(() -> new ProblemException(404, "No transaction with this id."));
    }
}
