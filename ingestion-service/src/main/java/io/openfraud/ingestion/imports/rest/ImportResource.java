package io.openfraud.ingestion.imports.rest;

import io.openfraud.formats.FileFormat;
import io.openfraud.ingestion.imports.service.ImportService;
import io.openfraud.web.problem.Problem;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Bulk file imports: upload a PaySim, Sparkov or NDJSON file, then follow its job. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;

    ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Import a file", description = "The request body is the file (format paysim, sparkov or "
            + "ndjson; gzip-compressed with Content-Encoding: gzip or not). It is spooled to disk as it arrives, "
            + "then imported by a worker: 202 with the QUEUED job and its Location. 400 for an unknown format, 413 "
            + "over the size limit, 503 when too many imports wait.")
    public Response submit(@QueryParam("format") String format, @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Encoding") String contentEncoding, InputStream body,
            @Context SecurityContext security, @Context UriInfo uri) {
        FileFormat parsed = parseFormat(format);
        boolean gzip = contentEncoding != null && contentEncoding.strip().toLowerCase(Locale.ROOT).equals("gzip");
        ImportView job = ImportView.of(imports.submit(parsed, safeName(fileName), body, gzip,
                security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName()));
        return Response.accepted(job).location(uri.getBaseUriBuilder().path("api/v1/imports/{id}").build(job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "One import job", description = "Status (QUEUED, RUNNING, COMPLETED, FAILED), rows read, "
            + "accepted, duplicates, rejected (by rule), malformed (by reason), labels published, rows per second.")
    public ImportView get(@PathParam("id") String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ProblemException(404, "No import job with this id.");
        }
        return imports.find(number).map(ImportView::of)
                .orElseThrow(() -> new ProblemException(404, "No import job with this id."));
    }

    private static FileFormat parseFormat(String format) {
        if (format == null || format.isBlank()) {
            throw ProblemException.badRequest("The format is required.", List.of(new Problem.FieldError("format",
                    "required: paysim, sparkov or ndjson", null)));
        }
        try {
            return FileFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown file format.", List.of(new Problem.FieldError("format",
                    "expected one of paysim, sparkov, ndjson", null)));
        }
    }

    /** The base name only, printable ASCII, at most 200 characters: it is shown back and stored. */
    private static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._ -]", "_");
        return base.length() > 200 ? base.substring(0, 200) : base;
    }
}
