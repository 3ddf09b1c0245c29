package io.openfraud.scoring.model;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** retraining-service's registry (role {@code service}). Wrapped by {@link ModelRegistryClient}. */
@RegisterRestClient(configKey = "model-registry")
@RegisterClientHeaders(RegistryTokenHeaders.class)
@Path("/api/v1/models")
interface ModelRegistryApi {

    @GET
    @Path("/aliases/champion")
    @Produces(MediaType.APPLICATION_JSON)
    ChampionRef champion();

    @GET
    @Path("/aliases/challenger")
    @Produces(MediaType.APPLICATION_JSON)
    ChampionRef challenger();

    @GET
    @Path("/{version}/artifact")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    byte[] artifact(@PathParam("version") String version);
}
