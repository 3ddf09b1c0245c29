package io.openfraud.feature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.openfraud.events.DeadLetters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Boots feature-service against a real Redis and Kafka: endpoints, security and the enrichment stream. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class FeatureServiceTest {

    private static final EventCodec<ValidatedTransaction> VALIDATED = new EventCodec<>(
            Topics.TRANSACTIONS_VALIDATED);
    private static final EventCodec<EnrichedTransaction> ENRICHED = new EventCodec<>(Topics.TRANSACTIONS_ENRICHED);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("feature-service");
    }

    @Test
    void readinessChecksRedisAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.REDIS_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isPositive();
    }

    @Test
    void vectorsComeFromStateStrictlyBeforeAndEachTransactionCountsOnce() {
        String customer = "cus_" + UUID.randomUUID().toString().replace("-", "");
        MaskedTransaction first = transaction(customer, "2025-01-01T10:00:00Z", 10_000);
        MaskedTransaction second = transaction(customer, "2025-01-01T10:05:00Z", 20_000);
        try (TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED_NAME)) {
            publish(first);
            publish(first); // a redelivery (new event id, same transaction) must not count twice
            publish(second);

            List<EnrichedTransaction> vectors = enriched.next(2, WAIT).stream()
                    .map(r -> ENRICHED.decode(r.value()).payload()).toList();
            assertThat(vectors).extracting(EnrichedTransaction::transactionId)
                    .containsExactly(first.transactionId(), second.transactionId());
            assertThat(vectors.get(0).features()).containsEntry("customer_txn_count", 0.0)
                    .containsEntry("has_previous", 0.0);
            assertThat(vectors.get(1).features()).containsEntry("customer_txn_count", 1.0)
                    .containsEntry("seconds_since_previous", 300.0);
            assertThat(vectors.get(1).featureSetVersion()).isEqualTo("skeleton-v0");
        }
        // Served on demand from the same state, without changing it.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(transaction(customer, "2025-01-01T11:00:00Z", 5_000))
                    .post("/api/v1/features/vector").then().statusCode(200)
                    .body("features.customer_txn_count", equalTo(2.0f));
        }
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithItsReasonAndLaterRecordsFlow() {
        MaskedTransaction later = transaction("cus_" + UUID.randomUUID().toString().replace("-", ""),
                "2025-01-02T10:00:00Z", 1_000);
        try (TopicTail dlq = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED.dlqName());
                TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED_NAME)) {
            Infra.kafka().produce(Topics.TRANSACTIONS_VALIDATED_NAME, "poison", "{not json");
            publish(later);

            ConsumerRecord<String, byte[]> dead = dlq.next(1, WAIT).get(0);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON_CODE).value(),
                    StandardCharsets.UTF_8)).isEqualTo("UNPARSEABLE");
            assertThat(dead.headers().lastHeader(DeadLetters.OFFSET)).isNotNull();
            assertThat(enriched.next(1, WAIT)).extracting(r -> ENRICHED.decode(r.value()).payload().transactionId())
                    .containsExactly(later.transactionId());
        }
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK);
    }

    private static MaskedTransaction transaction(String customer, String timestamp, long amountMinor) {
        return new MaskedTransaction("tx-" + UUID.randomUUID(), Instant.parse(timestamp), TransactionType.PAYMENT,
                amountMinor, "EUR", new MaskedParty(customer), new MaskedParty("cpt_merchant_0001"), null);
    }

    private static void publish(MaskedTransaction t) {
        EventEnvelope<ValidatedTransaction> envelope = EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED,
                Services.INGESTION, new ValidatedTransaction(t, ProcessingPath.ASYNC, null, List.of(), Instant.now()),
                Instant.now());
        Infra.kafka().produce(Topics.TRANSACTIONS_VALIDATED_NAME, t.customer().pseudonym(), VALIDATED.encode(envelope));
    }
}
