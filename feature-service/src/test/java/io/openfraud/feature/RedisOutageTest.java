package io.openfraud.feature;

import static io.openfraud.feature.Fixtures.ENRICHED;
import static io.openfraud.feature.Fixtures.WAIT;
import static io.openfraud.feature.Fixtures.customer;
import static io.openfraud.feature.Fixtures.entity;
import static io.openfraud.feature.Fixtures.publish;
import static io.openfraud.feature.Fixtures.transaction;
import static io.openfraud.feature.Fixtures.vector;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.TopicTail;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again: REST degrades to 503 in time, the stream pauses and loses or repeats nothing. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    @Test
    void restAnswers503AndTheStreamResumesWithNothingLostOrCountedTwice() {
        String customer = customer();
        MaskedTransaction t1 = transaction(customer, "2025-04-01T10:00:00Z", 100);
        MaskedTransaction t2 = transaction(customer, "2025-04-01T10:01:00Z", 200);
        MaskedTransaction sentinel = transaction(customer, "2025-04-01T10:02:00Z", 300);
        try (TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED_NAME);
                TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED.dlqName())) {
            Infra.redis().stop();
            try {
                long started = System.nanoTime();
                vector(t1).statusCode(503).contentType("application/problem+json").body("status", equalTo(503));
                // store timeout is 1 s in tests; the answer comes well within twice that
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                publish(t1);
                publish(t1); // redelivered while Redis is down
                publish(t2);
                await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            } finally {
                Infra.redis().startAgain();
            }
            publish(sentinel);
            List<EnrichedTransaction> vectors = enriched.next(3, WAIT).stream()
                    .map(r -> ENRICHED.decode(r.value()).payload()).toList();
            assertThat(vectors).extracting(EnrichedTransaction::transactionId)
                    .containsExactly(t1.transactionId(), t2.transactionId(), sentinel.transactionId());
            assertThat(vectors).extracting(v -> v.features().get("customer_txn_count")).containsExactly(0.0, 1.0, 2.0);
            await().atMost(WAIT).untilAsserted(() -> entity("customer", customer).statusCode(200)
                    .body("transactions", equalTo(3)));
            assertThat(dlq.within(Duration.ZERO)).isEmpty();
        }
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.REDIS_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }
}
