package io.openfraud.scoring.features;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.web.warmup.PeerWarmUp;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The REST client to feature-service, warmed as {@link PeerWarmUp} says; bypasses {@link FeatureClient}. */
@Singleton
public class FeatureClientWarmUp extends PeerWarmUp {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warmup0"), new MaskedParty("cus_warmup1"),
            null);

    private final FeatureServiceApi api;

    FeatureClientWarmUp(@RestClient FeatureServiceApi api,
            @ConfigProperty(name = "openfraud.warm-up.peer-patience", defaultValue = "20s") Duration patience) {
        super(patience);
        this.api = api;
    }

    @Override
    public String name() {
        return "feature-client";
    }

    @Override
    protected void call() {
        api.vector(PROBE);
    }
}
