package io.openfraud.governance.audit.rest;

import io.openfraud.governance.access.Caller;
import io.openfraud.governance.audit.service.AuditChainMonitor;
import io.openfraud.governance.audit.service.AuditEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.audit.service.ChainVerification;
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

/** The audit trail: entries per transaction and a verification of the whole chain. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final AuditChainMonitor monitor;
    private final Caller caller;

    AuditResource(AuditTrail trail, AuditChainMonitor monitor, Caller caller) {
        this.trail = trail;
        this.monitor = monitor;
        this.caller = caller;
    }

    @GET
    @Path("/transactions/{transactionId}")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Audit entries of one transaction", description = "Every automated decision recorded "
            + "about it, oldest first, with the hash and MAC chains.")
    public List<Map<String, Object>> forTransaction(@PathParam("transactionId") String transactionId) {
        return trail.forTransaction(transactionId);
    }

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    @Operation(summary = "Verify the whole audit chain", description = "Walks every entry in sequence order: "
            + "sequence gaps, order, previous-hash links, content hashes and the HMAC chain (keyed outside MongoDB). "
            + "Names the first broken sequence number and what failed; updates openfraud_audit_chain_valid.")
    public ChainVerification verify() {
        ChainVerification result = monitor.verifyNow();
        trail.record(new AuditEvent(caller.actor(), "AUDIT_VERIFIED", "audit", AuditEvent.SUCCESS, caller.origin(),
                Map.of("valid", result.valid(), "entries", result.entries())));
        return result;
    }
}
