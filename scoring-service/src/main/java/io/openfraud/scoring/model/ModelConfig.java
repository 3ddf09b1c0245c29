package io.openfraud.scoring.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the champion comes from and how it is served. */
@ConfigMapping(prefix = "openfraud.scoring.model")
public interface ModelConfig {

    /** Predictors per loaded model (concurrent model calls; callers beyond it wait). */
    @WithDefault("2")
    int poolSize();

    /** Pause between attempts to fetch the champion while none is loaded (registry empty or unreachable). */
    @WithDefault("10s")
    Duration retryInterval();

    /** How long readiness waits for the first look at the registry (and the champion's load and warm-up). */
    @WithDefault("60s")
    Duration firstLoadWait();

    /** How many reasons a model verdict carries (occlusion, strongest first). */
    @WithDefault("3")
    int reasons();

    /**
     * Bearer token (role {@code service}) for retraining-service's registry, from a secret. Unset: a short-lived
     * token is signed with {@code smallrye.jwt.sign.key} when one is configured, else the call carries none.
     */
    Optional<String> registryToken();
}
