package io.openfraud.retraining.training;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The trainer used when no other {@link ModelTrainer} bean exists: every run fails with a clear message. The DJL
 * trainer of libs/fraud-model replaces it by being a bean.
 */
@DefaultBean
@ApplicationScoped
public class UnavailableModelTrainer implements ModelTrainer {

    static final String MESSAGE = "no trainer available: this build has no ModelTrainer implementation (the DJL "
            + "trainer of libs/fraud-model binds one)";

    @Override
    public TrainedModel train(TrainingRequest request, Optional<Incumbent> incumbent, TrainingProgress progress) {
        throw new IllegalStateException(MESSAGE);
    }
}
