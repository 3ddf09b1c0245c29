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
     * Which stream verdicts carry reasons: {@code FLAGGED} (REVIEW and DECLINE: the ones an analyst works or a
     * customer is told about) or {@code ALL}. Explaining a row costs more than scoring it (an occlusion pass per
     * feature), so explaining approvals on the stream caps its throughput. REST answers always carry reasons.
     */
    @WithDefault("FLAGGED")
    StreamReasons streamReasons();

    /** See {@link #streamReasons()}. */
    enum StreamReasons { ALL, FLAGGED }

    /**
     * Bearer token (role {@code service}) for retraining-service's registry, from a secret. Unset: a short-lived
     * token is signed with {@code smallrye.jwt.sign.key} when one is configured, else the call carries none.
     */
    Optional<String> registryToken();
}
