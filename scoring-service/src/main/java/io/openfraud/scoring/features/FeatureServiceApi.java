package io.openfraud.scoring.features;

import io.openfraud.events.transaction.MaskedTransaction;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** feature-service's vector endpoint. Wrapped by {@link FeatureClient}, which adds the fault tolerance. */
@RegisterRestClient(configKey = "feature-service")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/api/v1/features/vector")
interface FeatureServiceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    FeatureVector vector(MaskedTransaction transaction);
}
