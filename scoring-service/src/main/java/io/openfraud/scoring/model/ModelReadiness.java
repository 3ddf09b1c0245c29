package io.openfraud.scoring.model;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names what scores: the champion's version, or the rules fallback. Always UP: the rules are a valid way
 * to answer while no champion is loaded (an empty registry is normal on a fresh install).
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final ChampionHolder champion;

    ModelReadiness(ChampionHolder champion) {
        this.champion = champion;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scoring-model").up()
                .withData("scorer", champion.version().isPresent() ? "MODEL" : "RULES")
                .withData("modelVersion", champion.version().orElse(io.openfraud.scoring.rules.RulesVerdicts.VERSION))
                .withData("status", champion.status())
                .build();
    }
}
