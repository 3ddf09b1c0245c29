package io.openfraud.retraining.labels.rest;

import io.openfraud.retraining.labels.service.LabelService;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Labels (ground truth) over REST. */
@Path("/api/v1/labels")
@Produces(MediaType.APPLICATION_JSON)
public class LabelResource {

    private final LabelService labels;

    LabelResource(LabelService labels) {
        this.labels = labels;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.REVIEWER, Roles.SERVICE})
    @Operation(summary = "Record a label", description = "FRAUD or LEGIT for a transaction, from IMPORT, CHARGEBACK, "
            + "ANALYST or REVIEW. The history keeps every label; the latest observed one counts. An Idempotency-Key "
            + "(UUID) makes a retry answer 200 with the stored label instead of storing it twice.")
    public Response submit(LabelRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        LabelService.Submitted done = labels.submit(request, idempotencyKey);
        URI location = URI.create("/api/v1/labels/" + done.label().transactionId());
        return (done.created() ? Response.created(location) : Response.ok().location(location))
                .entity(done.label()).build();
    }

    @GET
    @Path("/count")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "Count labels received", description = "Labels of a source (any if omitted) received at or "
            + "after receivedSince; fraudctl train waits with it until an imported file's labels have all arrived.")
    public LabelService.LabelCount count(@QueryParam("source") String source,
            @QueryParam("receivedSince") String receivedSince) {
        return labels.countReceived(source, receivedSince);
    }

    @GET
    @Path("/{transactionId}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.REVIEWER, Roles.SERVICE})
    @Operation(summary = "A transaction's label with its history", description = "The current label and every label "
            + "received, current first.")
    public LabelHistoryView get(@PathParam("transactionId") String transactionId) {
        return labels.find(transactionId)
                .orElseThrow(() -> new ProblemException(404, "No label for this transaction."));
    }
}
