package io.openfraud.retraining.registry.rest;

import io.openfraud.retraining.registry.service.ModelRegistry;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The model registry over REST. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelRegistry registry;

    ModelResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "List model versions", description = "Every registered version, newest first, with its "
            + "stage (the champion serves decisions).")
    public List<ModelVersionView> list() {
        return registry.list();
    }
}
