package io.openfraud.ingestion.quality.rest;

import io.openfraud.ingestion.quality.persistence.QuarantineStore;
import io.openfraud.ingestion.quality.service.QuarantineService;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The quarantine of rejected records: listed, and replayed after a rule fix. */
@Path("/api/v1/quality/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    private static final int MAX_PAGE = 500;

    private final QuarantineService quarantine;

    QuarantineResource(QuarantineService quarantine) {
        this.quarantine = quarantine;
    }

    /** A page of entries; pass {@code after} = the last id for the next page. */
    public record Page(List<QuarantineStore.Entry> entries, Long next) {
    }

    /** Which entries to replay. */
    public record ReplayRequest(List<Long> ids) {
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(summary = "Quarantined records", description = "Masked records that failed a REJECT rule on the batch, "
            + "file and Kafka paths, oldest first; filter by status (QUARANTINED, REPLAYED) and failed rule.")
    public Page list(@QueryParam("status") @DefaultValue(QuarantineService.QUARANTINED) String status,
            @QueryParam("rule") String rule, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("Invalid query parameter.",
                    List.of(new Problem.FieldError("limit", "must be 1 to " + MAX_PAGE)));
        }
        List<QuarantineStore.Entry> entries = quarantine.list(status, rule, after, limit);
        return new Page(entries, entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replay quarantined records", description = "Re-judges each record's failures with the "
            + "rule severities in force now; those no longer rejected are stored and published, marked REPLAYED.")
    public List<QuarantineService.Replayed> replay(ReplayRequest request) {
        if (request == null || request.ids() == null || request.ids().isEmpty() || request.ids().size() > MAX_PAGE) {
            throw ProblemException.badRequest("Name the records to replay.",
                    List.of(new Problem.FieldError("ids", "1 to " + MAX_PAGE + " quarantine ids")));
        }
        return quarantine.replay(request.ids());
    }
}
