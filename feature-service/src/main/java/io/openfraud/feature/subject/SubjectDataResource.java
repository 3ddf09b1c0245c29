package io.openfraud.feature.subject;

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
    @Operation(summary = "What feature-service holds about a data subject",
            description = "The customer's feature state and that of the cards they used, with counts.")
    public SubjectDataReport report(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.report(pseudonym);
    }

    @DELETE
    @Operation(summary = "Erase a data subject's feature state",
            description = "Deletes it and remembers the pseudonym alone, so a replay never rebuilds it. Idempotent.")
    public ErasureReport erase(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.erase(pseudonym);
    }
}
