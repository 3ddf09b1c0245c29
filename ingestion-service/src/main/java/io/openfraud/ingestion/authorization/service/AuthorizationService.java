package io.openfraud.ingestion.authorization.service;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.ingestion.authorization.client.ScoringClient;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.ingestion.intake.service.IntakeService;
import io.openfraud.ingestion.intake.service.Replays;
import io.openfraud.ingestion.intake.service.Source;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The synchronous path: mask, score through scoring-service, then store the transaction with its verdict and, in the
 * same database transaction, put it in the outbox with {@code path=SYNC} and the verdict, so feature-service folds it
 * in once and the stream never scores it again. Storing after scoring means nothing is stored without its verdict
 * and its event. A repeated authorisation answers the decision already given.
 */
@ApplicationScoped
public class AuthorizationService {

    private final IntakeService intake;
    private final ScoringClient scoring;
    private final Replays replays;

    AuthorizationService(IntakeService intake, ScoringClient scoring, Replays replays) {
        this.intake = intake;
        this.scoring = scoring;
        this.replays = replays;
    }

    /**
     * The decision and whether it was made now.
     *
     * @param verdict   the verdict
     * @param duplicate whether the transaction had already been received
     */
    public record Authorization(Verdict verdict, boolean duplicate) {
    }

    public Authorization authorize(Admitted admitted) {
        MaskedTransaction masked = intake.mask(admitted.transaction());
        Instant now = Instant.now();
        Optional<TransactionEntity> known = intake.find(masked.transactionId());
        if (known.isPresent()) {
            return new Authorization(previousVerdict(known.get(), masked), true);
        }
        Verdict verdict = scoring.score(masked);
        if (!intake.storeIfNew(new ValidatedTransaction(masked, ProcessingPath.SYNC, verdict, admitted.warnings(), now),
                admitted, Source.API)) {
            // a concurrent request with the same transactionId committed first (the insert waited for it and skipped
            // the row): answer its decision, as a replay
            TransactionEntity first = intake.find(masked.transactionId()).orElseThrow(() -> new IllegalStateException(
                    "a transaction reported as stored is not found"));
            return new Authorization(previousVerdict(first, masked), true);
        }
        return new Authorization(verdict, false);
    }

    /** The decision of record of a stored transaction, for a replay of the same transaction (else 409). */
    private Verdict previousVerdict(TransactionEntity stored, MaskedTransaction masked) {
        replays.requireSameTransaction(stored, masked);
        return Optional.of(stored).filter(t -> t.decision != null)
                .map(t -> new Verdict(t.score, Decision.valueOf(t.decision), List.of(), t.modelVersion, "unknown",
                        Scorer.valueOf(t.scorer), List.of()))
                .orElseThrow(() -> new io.openfraud.web.problem.ProblemException(409,
                        "This transaction was received on the asynchronous path and has no decision yet."));
    }
}
