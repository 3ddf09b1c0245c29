package io.openfraud.feature.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.feature.state.CustomerStateStore;
import io.openfraud.feature.vector.FeatureVectors;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The vector endpoint's path for a synthetic customer: a Redis read, the features and their JSON. Writes nothing. */
@ApplicationScoped
public class VectorWarmUp implements WarmUpTask {

    private static final MaskedTransaction PROBE = new MaskedTransaction("warm-up", Instant.EPOCH,
            TransactionType.TRANSFER, 100, "EUR", new MaskedParty("cus_warmup0"), new MaskedParty("cus_warmup1"),
            null);

    private final CustomerStateStore state;
    private final ObjectMapper mapper;

    VectorWarmUp(CustomerStateStore state, ObjectMapper mapper) {
        this.state = state;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void run() throws Exception {
        MaskedTransaction transaction = mapper.readValue(mapper.writeValueAsBytes(PROBE), MaskedTransaction.class);
        mapper.writeValueAsBytes(new VectorResource.VectorView(FeatureVectors.VERSION,
                FeatureVectors.compute(transaction, state.load(transaction.customer().pseudonym()))));
    }
}
