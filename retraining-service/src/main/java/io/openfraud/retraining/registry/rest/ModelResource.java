package io.openfraud.retraining.registry.rest;

import io.openfraud.retraining.registry.artifact.Sha256;
import io.openfraud.retraining.registry.service.ModelRegistry;
import io.openfraud.retraining.registry.service.ModelRegistry.Alias;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The model registry over REST. Thin: the registry decides, this maps its results to statuses. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    /** RFC 9530 header with the representation's digest. */
    static final String REPR_DIGEST = "Repr-Digest";
    /** RFC 3230 header with the same digest, for older clients. */
    static final String DIGEST = "Digest";

    private final ModelRegistry registry;
    private final SecurityIdentity identity;

    ModelResource(ModelRegistry registry, SecurityIdentity identity) {
        this.registry = registry;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "List model versions", description = "Every registered version, newest first, with its "
            + "stage, aliases and lineage (the champion serves decisions).")
    public List<ModelVersionView> list() {
        return registry.list();
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "One model version", description = "Lineage, metrics, stage and aliases of a version.")
    public ModelVersionView get(@PathParam("version") String version) {
        return registry.get(version).orElseThrow(() -> unknown(version));
    }

    @GET
    @Path("/aliases/{alias}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.SERVICE})
    @Operation(summary = "The version holding an alias", description = "champion (what scoring should serve) or "
            + "challenger; 404 when no version holds it.")
    public ModelVersionView alias(@PathParam("alias") String alias) {
        Alias named = Alias.named(alias).orElseThrow(() -> new ProblemException(404, "No alias " + alias
                + "; aliases are champion and challenger."));
        return registry.alias(named).orElseThrow(() -> new ProblemException(404, "No version is " + alias + "."));
    }

    @GET
    @Path("/{version}/artifact")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Download a version's artifact", description = "The bytes, verified against the registered "
            + "SHA-256 before they are sent; the checksum is in ETag (hex) and Repr-Digest/Digest (base64). "
            + "If-None-Match with the ETag answers 304.")
    public Response artifact(@PathParam("version") String version,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ModelRegistry.Artifact artifact = registry.artifact(version).orElseThrow(() -> unknown(version));
        EntityTag tag = new EntityTag(artifact.sha256());
        String digest = "sha-256=" + Sha256.base64OfHex(artifact.sha256());
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + artifact.sha256() + "\"") || ifNoneMatch.equals("*"))) {
            return Response.notModified(tag).build();
        }
        return Response.ok(artifact.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(tag)
                .header(REPR_DIGEST, "sha-256=:" + Sha256.base64OfHex(artifact.sha256()) + ":")
                .header(DIGEST, digest)
                .header("Content-Disposition", "attachment; filename=\"" + artifact.version() + ".artifact\"")
                .build();
    }

    @POST
    @Path("/{version}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Promote a version to champion by hand", description = "Bypasses the gate; the champion is "
            + "retired and becomes the rollback target. Audited (who, when, from, to, reason) and published on "
            + "models.lifecycle. 409 if it is the champion already.")
    public ModelVersionView promote(@PathParam("version") String version, @Valid @NotNull ChangeRequest request) {
        return registry.promote(version, principal(), request.reason());
    }

    @POST
    @Path("/{version}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Roll the champion back", description = "{version} must be the champion; the champion it "
            + "replaced is restored and {version} retired. Answers the restored champion. Audited and published on "
            + "models.lifecycle. 409 if {version} is not the champion or replaced none.")
    public ModelVersionView rollback(@PathParam("version") String version, @Valid @NotNull ChangeRequest request) {
        return registry.rollback(version, principal(), request.reason());
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.DPO})
    @Operation(summary = "The registry's audit trail", description = "Gate decisions, promotions and rollbacks, "
            + "newest first: who, when, from, to, why.")
    public List<AuditView> audit(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return registry.audit(limit);
    }

    private String principal() {
        return identity.getPrincipal().getName();
    }

    private static ProblemException unknown(String version) {
        return new ProblemException(404, "No model version " + version + ".");
    }
}
