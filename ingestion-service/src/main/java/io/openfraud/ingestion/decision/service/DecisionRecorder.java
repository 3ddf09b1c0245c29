package io.openfraud.ingestion.decision.service;

import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.ingestion.intake.service.IntakeService;
import jakarta.enterprise.context.ApplicationScoped;

/** Records scoring's verdict on the stored transaction, so the API shows decision, score, scorer and model version. */
@ApplicationScoped
public class DecisionRecorder {

    private final IntakeService intake;

    DecisionRecorder(IntakeService intake) {
        this.intake = intake;
    }

    /**
     * Applies the verdict; idempotent (a redelivery writes the same values). A verdict of the synchronous path is the
     * one this service stored with the transaction at authorisation, in the database transaction that wrote the
     * {@code transactions.validated} event it came back from: writing it again cost a read, an update and a commit per
     * authorisation for nothing, so it is skipped. Returns whether the verdict was applied.
     */
    public boolean record(ScoredTransaction scored) {
        if (scored.path() == ProcessingPath.SYNC) {
            return false;
        }
        intake.recordVerdict(scored.transactionId(), scored.verdict());
        return true;
    }
}
