package io.openfraud.scoring;

import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Boots scoring-service against a real Kafka, with PyTorch loaded offline, and checks its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ScoringServiceTest {

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("scoring-service");
    }

    @Test
    void readinessChecksKafkaAndPyTorch() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK, OperationalEndpoints.PYTORCH_CHECK);
    }
}
