package io.openfraud.scoring.rest;

import io.openfraud.scoring.model.ChampionHolder;
import io.openfraud.scoring.model.ModelConfig;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The champion's predict path (one row, a stream batch, occlusion) before readiness turns UP. Waits (its patience)
 * for the holder's first look at the registry, so a champion that exists is loaded and warm before traffic; with no
 * champion the rules score and there is nothing to warm. A newly swapped model is warmed by the holder itself before
 * the swap.
 */
@ApplicationScoped
public class ModelWarmUp implements WarmUpTask {

    private final ChampionHolder champion;
    private final ModelConfig config;

    ModelWarmUp(ChampionHolder champion, ModelConfig config) {
        this.champion = champion;
        this.config = config;
    }

    @Override
    public String name() {
        return "champion-model";
    }

    @Override
    public void run() {
        if (!champion.checked()) {
            throw new IllegalStateException("the champion has not been looked up yet");
        }
        champion.warmUpServing();
    }

    @Override
    public Duration patience() {
        return config.firstLoadWait();
    }
}
