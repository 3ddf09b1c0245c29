package io.openfraud.feature.rest;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.state.CustomerStateStore;
import io.openfraud.feature.vector.FeatureVectors;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Feature vectors on demand, for the synchronous authorisation path. Reads state; never changes it. */
@Path("/api/v1/features/vector")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VectorResource {

    private final CustomerStateStore state;

    VectorResource(CustomerStateStore state) {
        this.state = state;
    }

    /**
     * A vector and the feature-set version that produced it.
     *
     * @param featureSetVersion version of the feature set
     * @param features          name to value, in the feature set's order
     */
    public record VectorView(String featureSetVersion, Map<String, Double> features) {
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Feature vector of a masked transaction",
            description = "Computed from its customer's state before the transaction, without changing it.")
    public VectorView vector(MaskedTransaction transaction) {
        if (transaction == null || transaction.customer() == null || transaction.timestamp() == null) {
            throw ProblemException.badRequest("A masked transaction with customer and timestamp is required.",
                    List.of());
        }
        return new VectorView(FeatureVectors.VERSION,
                FeatureVectors.compute(transaction, state.load(transaction.customer().pseudonym())));
    }
}
