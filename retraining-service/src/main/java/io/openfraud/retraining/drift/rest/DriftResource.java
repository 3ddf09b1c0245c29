package io.openfraud.retraining.drift.rest;

import io.openfraud.retraining.drift.service.MonitoringReport;
import io.openfraud.retraining.drift.service.MonitoringService;
import io.openfraud.retraining.drift.service.ReferenceService;
import io.openfraud.retraining.performance.OutcomeStore;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Drift and performance monitoring over REST. */
@Path("/api/v1/drift")
public class DriftResource {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:=+/~-]{0,127}");

    private final MonitoringService monitoring;
    private final ReferenceService references;
    private final OutcomeStore outcomes;

    DriftResource(MonitoringService monitoring, ReferenceService references, OutcomeStore outcomes) {
        this.monitoring = monitoring;
        this.references = references;
        this.outcomes = outcomes;
    }

    @GET
    @Path("/reports/latest")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "The latest monitoring report", description = "Per-feature PSI, Wasserstein or "
            + "Jensen-Shannon, dataset and prediction drift, performance per model version on matured labels, and "
            + "the trigger decisions of the latest check. Ask for text/html for the page with charts.")
    public MonitoringReport latest() {
        return monitoring.latest().orElseThrow(() -> new ProblemException(404, "No check has run yet."));
    }

    @GET
    @Path("/reports/latest")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "The latest monitoring report as a page", description = "Per-feature charts (inline SVG) "
            + "with the table of their data.")
    public String latestPage() {
        return ReportPage.render(latest());
    }

    @POST
    @Path("/checks")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Run a check now", description = "Flushes this replica's counts, compares the latest window "
            + "with the reference, measures performance and lets the trigger decide; returns the stored report.")
    public MonitoringReport check() {
        return monitoring.check();
    }

    @PUT
    @Path("/reference")
    // The body is CSV (text/csv); any declared type is read as such, so that callers without a role are refused
    // (401/403) before content negotiation could answer 415.
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Set the reference from a training set", description = "A training set in the offline "
            + "builder's CSV (transaction_id,timestamp,label,<features of the feature set>) becomes the reference "
            + "production is compared with. The training pipeline sets it itself when it registers a version.")
    public ReferenceService.Activated putReference(InputStream csv, @QueryParam("modelVersion") String modelVersion) {
        if (modelVersion != null && !VERSION.matcher(modelVersion).matches()) {
            throw ProblemException.badRequest("Invalid model version.",
                    List.of(new Problem.FieldError("modelVersion", "must be an identifier")));
        }
        return references.activateCsv(csv, modelVersion);
    }

    @PUT
    @Path("/baselines/{modelVersion}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Register a model version's test metrics", description = "Threshold and PR-AUC (precision "
            + "and recall optional) that rolling metrics are compared with. Until the registry provides them.")
    public OutcomeStore.Baseline putBaseline(@PathParam("modelVersion") String modelVersion, BaselineRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!VERSION.matcher(modelVersion).matches()) {
            errors.add(new Problem.FieldError("modelVersion", "must be an identifier"));
        }
        if (body == null) {
            throw ProblemException.badRequest("A baseline needs a body.", List.of(new Problem.FieldError("", "is required")));
        }
        unit(errors, "threshold", body.threshold(), true);
        unit(errors, "prAuc", body.prAuc(), true);
        unit(errors, "precision", body.precision(), false);
        unit(errors, "recall", body.recall(), false);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The baseline has invalid fields.", errors);
        }
        OutcomeStore.Baseline baseline = new OutcomeStore.Baseline(modelVersion, body.threshold(), body.prAuc(),
                body.precision(), body.recall());
        outcomes.putBaseline(baseline);
        return baseline;
    }

    private static void unit(List<Problem.FieldError> errors, String field, Double value, boolean required) {
        if (value == null ? required : !(value >= 0 && value <= 1)) {
            errors.add(new Problem.FieldError(field, (required ? "is required, " : "") + "between 0 and 1"));
        }
    }
}
