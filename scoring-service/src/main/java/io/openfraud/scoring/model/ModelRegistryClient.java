package io.openfraud.scoring.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The registry, bounded in time: retried once, and a circuit breaker stops hammering a registry that is down (the
 * holder keeps scoring with what it has and tries again later). "No champion" (404) is an answer, not a failure.
 */
@ApplicationScoped
public class ModelRegistryClient {

    private final ModelRegistryApi api;

    ModelRegistryClient(@RestClient ModelRegistryApi api) {
        this.api = api;
    }

    /** The registry's champion, or empty when it has none. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = NoChampion.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = NoChampion.class)
    public ChampionRef champion() {
        try {
            return api.champion();
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                throw new NoChampion();
            }
            throw e;
        }
    }

    /** {@link #champion()} with "none" as empty. */
    public Optional<ChampionRef> championIfAny() {
        try {
            return Optional.of(champion());
        } catch (NoChampion none) {
            return Optional.empty();
        }
    }

    /** The registry's challenger, or empty when it has none (or cannot say: shadow scoring is optional). */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public Optional<ChampionRef> challengerIfAny() {
        try {
            return Optional.ofNullable(api.challenger());
        } catch (RuntimeException noneOrUnavailable) {
            return Optional.empty();
        }
    }

    /** The artifact bytes of {@code version}. */
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500)
    public byte[] artifact(String version) {
        return api.artifact(version);
    }

    /** The registry answered that it has no champion. */
    public static final class NoChampion extends RuntimeException {
        NoChampion() {
            super("the registry has no champion", null, false, false);
        }
    }
}
