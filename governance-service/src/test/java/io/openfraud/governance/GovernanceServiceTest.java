package io.openfraud.governance;

import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.MongoTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Boots governance-service against Kafka and a MongoDB wire-compatible server (mongo-java-server: no MongoDB server
 * can be installed here) and checks its operational endpoints.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MongoTestResource.class)
class GovernanceServiceTest {

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("governance-service");
    }

    @Test
    void readinessChecksMongoAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.MONGO_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }
}
