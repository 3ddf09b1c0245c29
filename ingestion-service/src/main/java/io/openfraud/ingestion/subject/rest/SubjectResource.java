package io.openfraud.ingestion.subject.rest;

import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataApi;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.ingestion.subject.service.SubjectDataService;
import io.openfraud.ingestion.subject.service.SubjectLookup;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The subject-data interface for governance ({@link SubjectDataApi}), and a look-up of subjects by e-mail. */
@Path("/internal/v1/subjects")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectResource {

    /** As the {@code pseudonym} definition of common.schema.json. */
    private static final Pattern PSEUDONYM = Pattern.compile("^(?![0-9 -]*$)[A-Za-z0-9_.:=+/-]{8,128}$");
    private static final int MAX_EMAIL = 320;

    private final SubjectDataService subjects;
    private final SubjectLookup lookup;

    SubjectResource(SubjectDataService subjects, SubjectLookup lookup) {
        this.subjects = subjects;
        this.lookup = lookup;
    }

    /** Body of the look-up: an e-mail address (in the body, so it stays out of URLs and access logs). */
    public record EmailQuery(String email) {
    }

    /** Answer of the look-up. */
    public record Subjects(List<String> subjectPseudonyms) {
    }

    @GET
    @Path("/{" + SubjectDataApi.PSEUDONYM_PARAM + "}")
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "What ingestion holds about a data subject", description = "subject-data-report-v1: the "
            + "subject's transactions (masked) with decisions and reviews, their personal data decrypted from the "
            + "vault, and masked data-quality examples. `records` is empty when nothing is held.")
    public SubjectDataReport get(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.report(checked(pseudonym));
    }

    @DELETE
    @Path("/{" + SubjectDataApi.PSEUDONYM_PARAM + "}")
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "Erase a data subject", description = "erasure-report-v1: destroys the subject's vault key "
            + "and personal data (crypto-shredding), keeps their transactions pseudonymised for the AML retention "
            + "(legal basis and delete-after date per row). Idempotent: a repeat reports the same stores with 0 records.")
    public ErasureReport delete(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.erase(checked(pseudonym));
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "Find data subjects by e-mail", description = "Through the vault's keyed blind index of "
            + "normalised e-mail addresses (trimmed, lower case); the address is neither stored nor logged.")
    public Subjects search(EmailQuery query) {
        if (query == null || query.email() == null || query.email().isBlank() || query.email().length() > MAX_EMAIL) {
            throw ProblemException.badRequest("An e-mail address is required.",
                    List.of(new FieldError("email", "is required, at most " + MAX_EMAIL + " characters")));
        }
        return new Subjects(lookup.byEmail(query.email()));
    }

    private static String checked(String pseudonym) {
        if (pseudonym == null || !PSEUDONYM.matcher(pseudonym).matches()) {
            throw ProblemException.badRequest("Not a subject pseudonym.",
                    List.of(new FieldError(SubjectDataApi.PSEUDONYM_PARAM, "is not a pseudonym")));
        }
        return pseudonym;
    }
}
