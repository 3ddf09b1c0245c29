package io.openfraud.ingestion.decision.service;

import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.ingestion.intake.service.IntakeService;
import jakarta.enterprise.context.ApplicationScoped;

/** Records scoring's verdict on the stored transaction, so the API shows decision, score, scorer and model version. */
@ApplicationScoped
public class DecisionRecorder {

    private final IntakeService intake;

    DecisionRecorder(IntakeService intake) {
        this.intake = intake;
    }

    /** Applies the verdict; idempotent (a redelivery writes the same values). */
    public void record(ScoredTransaction scored) {
        intake.recordVerdict(scored.transactionId(), scored.verdict());
    }
}
