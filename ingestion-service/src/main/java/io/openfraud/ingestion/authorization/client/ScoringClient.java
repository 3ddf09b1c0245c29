package io.openfraud.ingestion.authorization.client;

import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Synchronous scoring for authorisations, bounded in time: a payment system waits on this answer, so when scoring
 * is slow or down the authorisation is answered REVIEW (never approved blind), marked degraded.
 */
@ApplicationScoped
public class ScoringClient {

    /** What is missing when scoring did not answer. */
    public static final String SCORING_UNAVAILABLE = "SCORING_UNAVAILABLE";

    private final ScoringApi api;

    ScoringClient(@RestClient ScoringApi api) {
        this.api = api;
    }

    @Timeout(value = 800, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    public Verdict score(MaskedTransaction transaction) {
        return api.score(transaction);
    }

    Verdict unavailable(MaskedTransaction transaction) {
        return new Verdict(0.5, Decision.REVIEW, List.of(), "rules-fallback", "none", Scorer.RULES,
                List.of(SCORING_UNAVAILABLE));
    }
}
