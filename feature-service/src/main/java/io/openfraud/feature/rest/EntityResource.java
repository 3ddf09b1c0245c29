package io.openfraud.feature.rest;

import io.openfraud.feature.service.FeatureService;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.EntityStateCodec;
import io.openfraud.features.state.Windows;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The current aggregates of one entity (customer, counterparty or card), for operators and investigations. */
@Path("/api/v1/features/entities/{type}/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class EntityResource {

    private final FeatureService features;

    EntityResource(FeatureService features) {
        this.features = features;
    }

    /**
     * One window's totals as of the entity's latest event.
     *
     * @param count    transactions
     * @param sumMinor their amounts, minor units
     */
    public record WindowView(long count, long sumMinor) {
    }

    /**
     * An entity's aggregates.
     *
     * @param type           customer, counterparty or card
     * @param token          its pseudonym or token
     * @param transactions   transactions folded in since it was last silent for 8 days
     * @param sumMinor       their amounts, minor units
     * @param meanMinor      mean amount, minor units
     * @param stdMinor       standard deviation, minor units
     * @param distinctOthers distinct counterparties (customer, card) or customers (counterparty: fan-in)
     * @param lateDropped    events refused for arriving later than the lateness bound
     * @param lastEventAt    event time of the latest transaction
     * @param windows        1h, 24h, 7d totals as of {@code lastEventAt}
     * @param bytes          size of the serialised state
     */
    public record EntityView(String type, String token, long transactions, long sumMinor, double meanMinor,
            double stdMinor, long distinctOthers, long lateDropped, Instant lastEventAt,
            Map<String, WindowView> windows, int bytes) {
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.ANALYST})
    @Operation(summary = "Current aggregates of an entity", description = "type is customer, counterparty or card; "
            + "404 when nothing is held (never seen, expired or erased).")
    public EntityView entity(@PathParam("type") String type, @PathParam("token") String token) {
        EntityKind kind = EntityKind.parse(type).orElseThrow(() -> ProblemException.badRequest(
                "Unknown entity type.", List.of(new FieldError("type", "must be customer, counterparty or card"))));
        EntityState s = features.entity(kind, token)
                .orElseThrow(() -> new ProblemException(404, "No state is held for this entity."));
        Map<String, WindowView> windows = new LinkedHashMap<>();
        for (Windows w : Windows.ALL) {
            windows.put(w.suffix(), new WindowView(s.windowCount(w, s.lastMillis()),
                    s.windowSumMinor(w, s.lastMillis())));
        }
        return new EntityView(kind.id(), token, s.count(), s.sumMinor(), s.meanMinor(), s.stdMinor(),
                s.distinctOthers(), s.lateDropped(), Instant.ofEpochMilli(s.lastMillis()), windows,
                EntityStateCodec.encode(s).length);
    }
}
