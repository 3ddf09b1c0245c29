package io.openfraud.governance.dsr.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.subject.SubjectDataReport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A peer's subject-data interface ({@code io.openfraud.events.subject.SubjectDataApi}); wrapped by {@link SubjectDataClient}. */
@Path("/internal/v1/subjects")
interface SubjectDataHttp {

    @GET
    @Path("/{pseudonym}")
    @Produces(MediaType.APPLICATION_JSON)
    SubjectDataReport report(@HeaderParam("Authorization") String authorization,
            @PathParam("pseudonym") String pseudonym);

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Subjects search(@HeaderParam("Authorization") String authorization, SubjectQuery query);

    /**
     * One of an e-mail address or a card token ({@code tok_...}, never the card number); it travels in the body, out
     * of URLs and access logs.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubjectQuery(String email, String cardToken) {
    }

    /** The pseudonyms found. */
    record Subjects(List<String> subjectPseudonyms) {
    }
}
