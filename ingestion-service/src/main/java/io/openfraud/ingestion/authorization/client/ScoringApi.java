package io.openfraud.ingestion.authorization.client;

import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** scoring-service's internal scoring endpoint; masked transactions only. Wrapped by {@link ScoringClient}. */
@RegisterRestClient(configKey = "scoring-service")
@RegisterClientHeaders
@Path("/api/v1/score")
interface ScoringApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Verdict score(MaskedTransaction transaction);
}
