package io.openfraud.feature.rest;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.service.FeatureService;
import io.openfraud.features.FeatureSet;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Feature vectors on demand, for the synchronous authorisation path. Reads state; never changes it. */
@Path("/api/v1/features")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VectorResource {

    private final FeatureService features;

    VectorResource(FeatureService features) {
        this.features = features;
    }

    /**
     * A vector and the feature-set version that produced it.
     *
     * @param featureSetVersion version of the feature set
     * @param features          name to value, in the feature set's order
     */
    public record VectorView(String featureSetVersion,
            @JsonSerialize(using = FeaturesJson.class) Map<String, Double> features) {
    }

    /**
     * Vectors of a batch.
     *
     * @param featureSetVersion version of the feature set
     * @param vectors           one per transaction, in the order given
     */
    public record VectorsView(String featureSetVersion, List<FeatureService.Vector> vectors) {
    }

    @POST
    @Path("/vector")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Feature vector of a masked transaction",
            description = "Computed from its entities' state before the transaction, as of its own timestamp, "
                    + "without changing it. 503 when the feature store does not answer in time.")
    public Uni<VectorView> vector(MaskedTransaction transaction) {
        // Non-blocking: runs on the event loop, waits for Redis without holding a thread (no worker hand-off).
        return features.vector(transaction).map(f -> new VectorView(FeatureSet.VERSION, f));
    }

    @POST
    @Path("/vectors")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Feature vectors of several masked transactions",
            description = "Each from the current state (none sees the others), in one store round trip; no state "
                    + "changes.")
    public VectorsView vectors(List<MaskedTransaction> transactions) {
        return new VectorsView(FeatureSet.VERSION, features.vectors(transactions));
    }
}
