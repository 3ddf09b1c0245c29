package io.openfraud.retraining.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnavailableModelTrainerTest {

    @Test
    void failsEveryRunWithAClearMessage() {
        TrainingRequest request = new TrainingRequest(1, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), false,
                Map.of(), Trigger.MANUAL);
        assertThatThrownBy(() -> new UnavailableModelTrainer().train(request, Optional.empty(), (f, p) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no trainer available");
    }
}
