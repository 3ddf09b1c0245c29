package io.openfraud.governance.register.rest;

import io.openfraud.governance.register.service.Register;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The record of processing activities and the catalogue of stored fields. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    private final Register register;

    RegisterResource(Register register) {
        this.register = register;
    }

    @GET
    @Path("/ropa")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Record of processing activities", description = "Art. 30(1) a-g: controller, purposes, "
            + "categories of subjects and data, recipients, transfers, retention, security measures.")
    public Map<String, Object> ropa() {
        return register.ropa();
    }

    @GET
    @Path("/catalog")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Catalogue of stored fields", description = "Every field the platform stores, per store: "
            + "classification (personal, cardholder, sensitive), owner, legal basis, retention (ISO-8601).")
    public Map<String, Object> catalog() {
        return register.catalog();
    }
}
