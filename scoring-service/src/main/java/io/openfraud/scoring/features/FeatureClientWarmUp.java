package io.openfraud.scoring.features;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The REST client to feature-service, exercised without credentials: feature-service refuses (401), and the client,
 * its JSON and its connections are ready for the first authorisation. Bypasses {@link FeatureClient}'s circuit
 * breaker. While feature-service is not up yet, the first attempt is retried for
 * {@code openfraud.warm-up.peer-patience}.
 */
@ApplicationScoped
public class FeatureClientWarmUp implements WarmUpTask {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warmup0"), new MaskedParty("cus_warmup1"),
            null);

    private final FeatureServiceApi api;

    private final Duration patience;

    FeatureClientWarmUp(@RestClient FeatureServiceApi api,
            @ConfigProperty(name = "openfraud.warm-up.peer-patience", defaultValue = "20s") Duration patience) {
        this.api = api;
        this.patience = patience;
    }

    @Override
    public Duration patience() {
        return patience;
    }

    @Override
    public String name() {
        return "feature-client";
    }

    @Override
    public void run() {
        try {
            api.vector(PROBE);
        } catch (WebApplicationException refused) {
            // 401 without a caller's token: expected.
        }
    }
}
