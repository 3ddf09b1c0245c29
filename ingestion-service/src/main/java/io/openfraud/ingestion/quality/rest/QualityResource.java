package io.openfraud.ingestion.quality.rest;

import io.openfraud.ingestion.quality.rules.QualityRule;
import io.openfraud.ingestion.quality.service.QualityGate;
import io.openfraud.ingestion.quality.service.QualityStatistics;
import io.openfraud.ingestion.quality.service.RuleSettings;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The data-quality rule catalogue and report. */
@Path("/api/v1/quality")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    private static final int EXAMPLES_PER_RULE = 3;

    private final QualityGate gate;
    private final QualityStatistics statistics;
    private final RuleSettings settings;
    private final SecurityIdentity identity;
    private final Clock clock = Clock.systemUTC();

    QualityResource(QualityGate gate, QualityStatistics statistics, RuleSettings settings,
            SecurityIdentity identity) {
        this.gate = gate;
        this.statistics = statistics;
        this.settings = settings;
        this.identity = identity;
    }

    /** A rule's new severity. */
    public record SeverityChange(Severity severity) {
    }

    @PUT
    @Path("/rules/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a rule's severity", description = "REJECT or WARN, for every instance (applied here at "
            + "once, elsewhere within seconds); changes the rule-set version. Then replay the quarantine.")
    public QualityRule setSeverity(@PathParam("id") String id, SeverityChange change) {
        if (gate.catalogue().rule(id).isEmpty()) {
            throw new ProblemException(404, "No rule with this id.");
        }
        if (change == null || change.severity() == null) {
            throw ProblemException.badRequest("A severity is required.",
                    List.of(new Problem.FieldError("severity", "REJECT or WARN")));
        }
        settings.set(id, change.severity(), identity.getPrincipal().getName());
        return gate.catalogue().get(id);
    }

    /** The catalogue: the rule-set version and every rule, in evaluation order. */
    public record Catalogue(String ruleSetVersion, List<QualityRule> rules) {
    }

    /** One rule's line of the report. */
    public record RuleLine(String rule, String severity, long failures, List<QualityStatistics.ExampleView> examples) {
    }

    /** The report of a window. */
    public record Report(Instant from, Instant to, String ruleSetVersion, long rowsChecked, long rowsRejected,
            List<RuleLine> failures) {
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Data-quality rule catalogue", description = "Each rule's id, version, severity in force, "
            + "field, kind and what it checks, with the rule-set version recorded with every stored row.")
    public Catalogue rules() {
        return new Catalogue(gate.catalogue().version(), gate.catalogue().rules());
    }

    @GET
    @Path("/report")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Data-quality report", description = "Rows checked and rejected, failures per rule and a few "
            + "masked examples, over [from, to) (RFC 3339; default: the last 24 hours), by minute.")
    public Report report(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("The window is empty.",
                    List.of(new Problem.FieldError("from", "must be before to")));
        }
        QualityStatistics.Totals totals = statistics.totals(start, end, EXAMPLES_PER_RULE);
        Map<String, QualityRule> rules = gate.catalogue().rules().stream()
                .collect(Collectors.toMap(QualityRule::id, Function.identity()));
        List<RuleLine> lines = totals.rules().stream().map(r -> new RuleLine(r.rule(),
                rules.containsKey(r.rule()) ? rules.get(r.rule()).severity().name() : "RETIRED", r.failures(),
                r.examples())).toList();
        return new Report(start, end, gate.catalogue().version(), totals.checked(), totals.rejected(), lines);
    }

    private static Instant instant(String name, String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Invalid query parameter.",
                    List.of(new Problem.FieldError(name, "not an RFC 3339 date-time with offset")));
        }
    }
}
