package io.openfraud.ingestion.authorization.client;

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
 * The REST client to scoring-service, exercised without credentials: scoring refuses (401), which is the point; the
 * client, its JSON and its connection pool are ready for the first authorisation. Bypasses {@link ScoringClient} so
 * the circuit breaker never counts these. While scoring is not up yet, the first attempt is
 * retried for {@code openfraud.warm-up.peer-patience}.
 */
@ApplicationScoped
public class ScoringWarmUp implements WarmUpTask {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warm-up"), new MaskedParty("cus_warm-up"), null);

    private final ScoringApi api;

    private final Duration patience;

    ScoringWarmUp(@RestClient ScoringApi api,
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
        return "scoring-client";
    }

    @Override
    public void run() {
        try {
            api.score(PROBE);
        } catch (WebApplicationException refused) {
            // 401 without a caller's token: expected.
        }
    }
}
