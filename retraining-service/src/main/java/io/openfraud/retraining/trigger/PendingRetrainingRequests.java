package io.openfraud.retraining.trigger;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Default {@link RetrainingRequests}: records the request as PENDING for the training pipeline to pick up. */
@ApplicationScoped
@DefaultBean
public class PendingRetrainingRequests implements RetrainingRequests {

    private final TriggerStore store;

    PendingRetrainingRequests(TriggerStore store) {
        this.store = store;
    }

    @Override
    public long request(RetrainingRequest request) {
        return store.insertRequest(request, "PENDING");
    }
}
