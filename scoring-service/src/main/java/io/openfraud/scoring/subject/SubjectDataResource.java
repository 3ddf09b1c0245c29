package io.openfraud.scoring.subject;

import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataApi;
import io.openfraud.events.subject.SubjectDataReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The subject-data interface ({@link SubjectDataApi}) for governance; role {@code service} only. */
@Path(SubjectDataApi.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(SubjectDataApi.ROLE)
public class SubjectDataResource {

    private final SubjectDataService subjects;

    SubjectDataResource(SubjectDataService subjects) {
        this.subjects = subjects;
    }

    @GET
    @Operation(summary = "What scoring-service holds about a data subject",
            description = "The analyst cases opened by REVIEW decisions (score, decision, reason codes, model "
                    + "version) and their resolutions.")
    public SubjectDataReport report(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.report(pseudonym);
    }

    @DELETE
    @Operation(summary = "Erase a data subject's analyst cases",
            description = "Idempotent; counts per store and field.")
    public ErasureReport erase(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.erase(pseudonym);
    }
}
