package io.openfraud.feature;

import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Boots feature-service against a real Redis and Kafka and checks its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class FeatureServiceTest {

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("feature-service");
    }

    @Test
    void readinessChecksRedisAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.REDIS_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }
}
