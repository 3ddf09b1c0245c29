package io.openfraud.retraining.training.rest;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.retraining.training.service.TrainingRuns;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Training runs over REST. */
@Path("/api/v1/training-runs")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingRunResource {

    private final TrainingRuns runs;
    private final SecurityIdentity identity;

    TrainingRunResource(TrainingRuns runs, SecurityIdentity identity) {
        this.runs = runs;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Start a training run", description = "Trains on the window in the background and registers "
            + "the result through the promotion gate. 202 with Location of the run; 409 if a run is already queued "
            + "or running in the deployment (one at a time; not queued, retry later); 400 for a bad window.")
    public Response start(TrainingRunRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new ProblemException(400, "A body with windowStart and windowEnd is required.");
        }
        TrainingRunView run = runs.start(new TrainingRuns.Spec(Trigger.MANUAL, request.windowStart(),
                request.windowEnd(), Boolean.TRUE.equals(request.synthetic()), request.hyperparameters(),
                identity.getPrincipal().getName()));
        return Response.accepted(run).location(uri.getBaseUriBuilder().path(TrainingRunResource.class)
                .path(Long.toString(run.id())).build()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "A training run", description = "Status (QUEUED, RUNNING, SUCCEEDED, FAILED), progress, the "
            + "report (metrics, the champion's on the same test slice, counts), the registered version and the gate's "
            + "decision, or the error.")
    public TrainingRunView get(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    @Path("/{id}/report.html")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "A training run's report as a page", description = "Summary, the model's metrics beside the "
            + "rules fallback's on the same test window, data windows, and PR and ROC curves (inline SVG, model and "
            + "rules fallback) each followed by the table of its points. Offline: no script, no external resource. "
            + "404 (problem+json) for an unknown run.")
    public String reportPage(@PathParam("id") String id) {
        return TrainingReportPage.render(find(id));
    }

    private TrainingRunView find(String id) {
        ProblemException unknown = new ProblemException(404, "No training run " + id + ".");
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw unknown;
        }
        return runs.get(runId).orElseThrow(() -> unknown);
    }
}
