package io.openfraud.retraining.trigger;

import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit of retraining trigger decisions. */
@Path("/api/v1/retraining/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerResource {

    private final TriggerStore store;

    TriggerResource(TriggerStore store) {
        this.store = store;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Retraining trigger decisions, newest first", description = "Why retraining was requested "
            + "(drift, decay, schedule) or not (debounced, disabled), with the request and its status.")
    public List<TriggerDecision> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        return store.recent(Math.max(1, Math.min(limit, 500)));
    }
}
