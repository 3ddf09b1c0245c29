package io.openfraud.scoring.features;

import io.openfraud.events.transaction.MaskedTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Feature vectors for the synchronous path, bounded in time: an authorisation must be answered even when
 * feature-service is slow or down, so every failure ends in an empty result and the scorer marks itself degraded.
 */
@ApplicationScoped
public class FeatureClient {

    private final FeatureServiceApi api;

    FeatureClient(@RestClient FeatureServiceApi api) {
        this.api = api;
    }

    /** The vector, or empty when feature-service did not answer in time. */
    @Timeout(value = 300, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 0)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable")
    public Optional<FeatureVector> vector(MaskedTransaction transaction) {
        return Optional.ofNullable(api.vector(transaction));
    }

    Optional<FeatureVector> unavailable(MaskedTransaction transaction) {
        return Optional.empty();
    }
}
