package io.openfraud.ingestion.authorization.client;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.web.warmup.PeerWarmUp;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The REST client to scoring-service, warmed as {@link PeerWarmUp} says; bypasses {@link ScoringClient}. */
@Singleton
public class ScoringWarmUp extends PeerWarmUp {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warm-up"), new MaskedParty("cus_warm-up"), null);

    private final ScoringApi api;

    ScoringWarmUp(@RestClient ScoringApi api,
            @ConfigProperty(name = "openfraud.warm-up.peer-patience", defaultValue = "20s") Duration patience) {
        super(patience);
        this.api = api;
    }

    @Override
    public String name() {
        return "scoring-client";
    }

    @Override
    protected void call() {
        api.score(PROBE);
    }
}
