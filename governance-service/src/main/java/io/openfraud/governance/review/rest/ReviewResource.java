package io.openfraud.governance.review.rest;

import io.openfraud.events.scoring.Decision;
import io.openfraud.governance.access.Caller;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.governance.review.service.ReviewService;
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

/** Human review of automated decisions (Art. 22): open a case, the reviewers' queue, a reviewer's decision. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final ReviewService reviews;
    private final Caller caller;

    ReviewResource(ReviewService reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /** Body of opening a case. */
    public record OpenReview(String reason) {
    }

    /** Body of a reviewer's decision. */
    public record ReviewDecision(Decision finalDecision, String comment) {
    }

    @POST
    @Path("/decisions/{transactionId}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DPO, Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Open a human-review case", description = "On the latest automated decision recorded for "
            + "the transaction; an open case for it is returned as is. Data subjects ask through POST /api/v1/dsr "
            + "(type HUMAN_REVIEW), which opens the case once their identity is verified and the request approved.")
    public Response open(@PathParam("transactionId") String transactionId, OpenReview body) {
        String caseId = reviews.open(transactionId, null, null, body == null ? null : body.reason(), actor());
        return Response.status(201).entity(reviews.get(caseId)).build();
    }

    @GET
    @Path("/reviews")
    @RolesAllowed({Roles.REVIEWER, Roles.DPO})
    @Operation(summary = "The review queue", description = "Cases by status (OPEN, CONFIRMED, OVERTURNED).")
    public List<Map<String, Object>> list(@QueryParam("status") String status) {
        return reviews.list(status);
    }

    @POST
    @Path("/reviews/{caseId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REVIEWER)
    @Operation(summary = "Confirm or overturn", description = "Publishes decisions.reviewed and labels.feedback "
            + "(source REVIEW) and completes the data-subject request that asked for the review.")
    public Map<String, Object> decide(@PathParam("caseId") String caseId, ReviewDecision body) {
        if (body == null || body.finalDecision() == null) {
            throw ProblemException.badRequest("A decision is required.", List.of(new Problem.FieldError(
                    "finalDecision", "APPROVE, REVIEW or DECLINE", "review.decision")));
        }
        return reviews.decide(caseId, body.finalDecision(), body.comment(), caller.subject(), actor());
    }

    private DsrService.Actor actor() {
        return new DsrService.Actor(caller.actor(), caller.origin());
    }
}
