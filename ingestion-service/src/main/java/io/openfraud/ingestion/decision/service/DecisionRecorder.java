package io.openfraud.ingestion.decision.service;

import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.ingestion.intake.persistence.TransactionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Records scoring's verdict on the stored transaction, so the API shows decision, score, scorer and model version. */
@ApplicationScoped
public class DecisionRecorder {

    private final TransactionRepository transactions;

    DecisionRecorder(TransactionRepository transactions) {
        this.transactions = transactions;
    }

    /** Applies the verdict; idempotent (a redelivery writes the same values). Returns false if unknown. */
    @Transactional
    public boolean record(ScoredTransaction scored) {
        return transactions.findByIdOptional(scored.transactionId()).map(t -> {
            t.decision = scored.verdict().decision().name();
            t.score = scored.verdict().score();
            t.scorer = scored.verdict().scorer().name();
            t.modelVersion = scored.verdict().modelVersion();
            return true;
        }).orElse(false);
    }
}
