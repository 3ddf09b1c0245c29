package io.openfraud.governance.audit.rest;

import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail of automated decisions, per transaction. */
@Path("/api/v1/audit/transactions/{transactionId}")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Audit entries of one transaction", description = "Every automated decision recorded "
            + "about it, oldest first, with the hash chain.")
    public List<Map<String, Object>> forTransaction(@PathParam("transactionId") String transactionId) {
        return trail.forTransaction(transactionId);
    }
}
