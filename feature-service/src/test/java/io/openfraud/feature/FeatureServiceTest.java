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
import static org.hamcrest.Matchers.hasSize;

import io.openfraud.events.DeadLetters;
import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.features.FeatureSet;
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
import io.openfraud.web.security.VerifiedTokenCache;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Boots feature-service against a real Redis and Kafka: endpoints, security and the enrichment stream. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class FeatureServiceTest {

    @Inject
    VerifiedTokenCache tokens;

    @Test
    void aBearerTokenIsVerifiedOnceAndThenServedFromTheCache() {
        String token = Tokens.bearer("service");
        long hits = tokens.hits();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", token).get("/api/v1/features/entities/customer/{t}", customer())
                    .then().statusCode(404);
        }
        assertThat(tokens.hits()).isGreaterThanOrEqualTo(hits + 2);
        // a token that does not verify is still refused, however many good ones were cached
        given().header("Authorization", token.substring(0, token.length() - 4) + "AAAA")
                .get("/api/v1/features/entities/customer/{t}", customer()).then().statusCode(401);
    }

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
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void vectorsComeFromStateStrictlyBeforeAndEachTransactionCountsOnce() {
        String customer = customer();
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
                    .containsEntry("seconds_since_previous", 300.0).containsEntry("customer_count_1h", 1.0);
            assertThat(vectors.get(1).featureSetVersion()).isEqualTo(FeatureSet.VERSION);
            assertThat(vectors.get(1).features().keySet()).containsExactlyElementsOf(FeatureSet.names());
        }
        // The fold follows the publication: wait for it, then the state counts each transaction once.
        await().atMost(WAIT).untilAsserted(() -> entity("customer", customer).statusCode(200)
                .body("transactions", equalTo(2)));
        // Served on demand from the same state, without changing it.
        for (int i = 0; i < 2; i++) {
            vector(transaction(customer, "2025-01-01T11:00:00Z", 5_000)).statusCode(200)
                    .body("featureSetVersion", equalTo(FeatureSet.VERSION))
                    .body("features.customer_txn_count", equalTo(2.0f))
                    .body("features.customer_count_24h", equalTo(2.0f));
        }
        entity("customer", customer).statusCode(200).body("transactions", equalTo(2))
                .body("sumMinor", equalTo(30_000)).body("windows.1h.count", equalTo(2));
        entity("counterparty", "cpt_merchant_0001").statusCode(200);
    }

    @Test
    void theBatchFormAnswersOneVectorPerTransactionInOrder() {
        String customer = customer();
        List<MaskedTransaction> batch = List.of(transaction(customer, "2025-02-01T10:00:00Z", 100),
                Fixtures.withCard(customer(), "2025-02-01T10:00:00Z", 200, "tok_batchcard01"));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(batch)
                .post("/api/v1/features/vectors").then().statusCode(200)
                .body("featureSetVersion", equalTo(FeatureSet.VERSION)).body("vectors", hasSize(2))
                .body("vectors[0].transactionId", equalTo(batch.get(0).transactionId()))
                .body("vectors[0].features.card_missing", equalTo(1.0f))
                .body("vectors[1].features.card_missing", equalTo(0.0f));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(List.of())
                .post("/api/v1/features/vectors").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void invalidRequestsAreProblems() {
        vector(new MaskedTransaction("tx-1", null, null, 0, "EUR", null, null, null)).statusCode(400)
                .contentType("application/problem+json");
        entity("planet", "x1234567").statusCode(400).contentType("application/problem+json");
        entity("customer", customer()).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithItsReasonAndLaterRecordsFlow() {
        MaskedTransaction later = transaction(customer(), "2025-01-02T10:00:00Z", 1_000);
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

    @Test
    void aBurstOfThousandsOfTransactionsIsEnrichedWholeWithNothingDeadLettered() {
        // Both copies of the channel get full polls at once: before the emitter buffer was sized for that, a burst
        // overflowed it on an idle machine and whole batches of valid transactions were dead-lettered.
        int count = 6_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String merchant = "cpt_hot" + run;
        Set<String> ids = new HashSet<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String customer = "cus_burst" + run + "n" + (i % 300);
            MaskedTransaction base = transaction(customer, start.plusSeconds(i).toString(), 100 + i);
            // one hot merchant for all: both copies of the stream fold it at once
            MaskedTransaction t = new MaskedTransaction(base.transactionId(), base.timestamp(), base.type(),
                    base.amountMinor(), base.currency(), base.customer(), new MaskedParty(merchant), null);
            ids.add(t.transactionId());
            records.add(new ProducerRecord<>(Topics.TRANSACTIONS_VALIDATED_NAME, customer,
                    Fixtures.validatedRecord(t)));
        }
        Set<String> seen = new HashSet<>();
        try (TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED_NAME)) {
            Infra.kafka().send(records);
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : enriched.within(Duration.ofMillis(500))) {
                    String id = ENRICHED.decode(r.value()).payload().transactionId();
                    if (ids.contains(id)) {
                        seen.add(id);
                    }
                }
                return seen.size() == count;
            });
        }
        assertThat(seen).isEqualTo(ids);
        // and each counted exactly once by the shared merchant, whatever the contention: folded, or refused as later
        // than the lateness bound (the partitions' event times interleave)
        await().atMost(WAIT).untilAsserted(() -> {
            var view = entity("counterparty", merchant).statusCode(200).extract().jsonPath();
            assertThat(view.getLong("transactions") + view.getLong("lateDropped")).isEqualTo(count);
        });
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK);
    }
}
