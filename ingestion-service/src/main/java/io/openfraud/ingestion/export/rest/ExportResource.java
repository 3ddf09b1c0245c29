package io.openfraud.ingestion.export.rest;

import io.openfraud.ingestion.export.service.TransactionExport;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Masked transactions for retraining, streamed as NDJSON. */
@Path("/api/v1/exports/transactions")
public class ExportResource {

    /** Newline-delimited JSON. */
    public static final String NDJSON = "application/x-ndjson";
    private static final Pattern IMPORT_JOB = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.=+~-]{0,127}$");

    private final TransactionExport export;

    ExportResource(TransactionExport export) {
        this.export = export;
    }

    @GET
    @Produces(NDJSON)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Export masked transactions for retraining", description = "One masked-transaction-v1 JSON "
            + "per line (with its context), in event-time order: `from` (inclusive) and `to` (exclusive) as RFC 3339 "
            + "date-times, and/or `importJob` (the rows of one file import). No PAN and no personal data; transactions "
            + "kept only for the AML retention after an erasure are left out. Streamed with a database cursor.")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("importJob") String importJob) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (importJob != null && !IMPORT_JOB.matcher(importJob).matches()) {
            errors.add(new FieldError("importJob", "is not an import job id"));
        }
        if (errors.isEmpty() && importJob == null && (start == null || end == null)) {
            errors.add(new FieldError("from", "from and to are required unless importJob is given"));
        }
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The export parameters are invalid.", errors);
        }
        TransactionExport.Selection selection = new TransactionExport.Selection(start, end, importJob);
        StreamingOutput body = out -> export.write(selection, out);
        return Response.ok(body, NDJSON).build();
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "is not an RFC 3339 date-time with offset"));
            return null;
        }
    }
}
