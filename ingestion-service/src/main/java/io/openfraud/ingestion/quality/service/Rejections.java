package io.openfraud.ingestion.quality.service;

import io.openfraud.events.Topics;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.ingestion.outbox.Outbox;
import io.openfraud.ingestion.quality.persistence.QuarantineStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Records rejected records of the paths without a caller to answer (batch items, file rows, {@code transactions.raw}):
 * each goes to the quarantine table and, through the outbox, to {@code transactions.rejected}, in one database
 * transaction.
 */
@ApplicationScoped
public class Rejections {

    private final Outbox outbox;
    private final Session session;
    private final QualityGate gate;

    Rejections(Outbox outbox, Session session, QualityGate gate) {
        this.outbox = outbox;
        this.session = session;
        this.gate = gate;
    }

    /** Quarantines and publishes {@code rejected}; {@code sourceRefs} are their lineage references, in order. */
    public void record(List<RejectedTransaction> rejected, List<String> sourceRefs) {
        if (rejected.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            session.doWork(connection -> QuarantineStore.insert(connection, rejected, sourceRefs,
                    gate.catalogue().version()));
            List<Outbox.Keyed<RejectedTransaction>> events = new ArrayList<>(rejected.size());
            for (RejectedTransaction r : rejected) {
                // Keyed by transactionId, or by a fresh id when the record had no readable one.
                events.add(new Outbox.Keyed<>(r.transactionId() != null ? r.transactionId()
                        : UUID.randomUUID().toString(), r));
            }
            outbox.enqueueAll(Topics.TRANSACTIONS_REJECTED, events, Instant.now());
        });
    }
}
