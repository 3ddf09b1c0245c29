package io.openfraud.feature.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.feature.service.FeatureService;
import io.openfraud.features.FeatureSet;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** The vector endpoint's path for a synthetic customer: a Redis read, the features and their JSON. Writes nothing. */
@ApplicationScoped
public class VectorWarmUp implements WarmUpTask {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warmup0"), new MaskedParty("cpt_warmup1"),
            null);

    private final FeatureService features;
    private final ObjectMapper mapper;

    VectorWarmUp(FeatureService features, ObjectMapper mapper) {
        this.features = features;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "vector";
    }

    /**
     * The first read opens the Redis connection, which on a busy machine can take longer than the store timeout
     * ({@code openfraud.features.store-timeout}); retry it rather than report a failed warm-up.
     */
    @Override
    public Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    public void run() throws Exception {
        MaskedTransaction transaction = mapper.readValue(mapper.writeValueAsBytes(PROBE), MaskedTransaction.class);
        mapper.writeValueAsBytes(new VectorResource.VectorView(FeatureSet.VERSION, features.vector(transaction)
                .await().atMost(Duration.ofSeconds(5))));
    }
}
