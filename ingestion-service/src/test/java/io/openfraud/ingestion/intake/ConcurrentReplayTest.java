package io.openfraud.ingestion.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.Topics;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The transactionId is the idempotency key also under concurrency: identical requests sent at the same instant are
 * stored and published once and all answered without a 5xx (the synchronous path with the same decision); another
 * transaction under a known id is a 409.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class ConcurrentReplayTest {

    private static final int CONCURRENT = 6;
    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"2025-03-01T10:00:00Z","type":"CARD","amount":%s,
             "currency":"EUR","customer":{"id":"replay-cust"},"counterparty":{"id":"merchant-9"},
             "card":{"pan":"4111111111111111","cvv":"123","expiry":"12/29"}}""";
    private static final ExecutorService POOL = Executors.newFixedThreadPool(CONCURRENT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    AgroalDataSource dataSource;
    @TestHTTPResource("/")
    URL base;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    void identicalAuthorisationsSentAtOnceAreStoredAndPublishedOnceAndAllGetTheSameDecision() throws Exception {
        String id = "auth-race-" + UUID.randomUUID();
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
            List<HttpResponse<String>> answers = fireAtOnce("/api/v1/authorizations", TRANSACTION.formatted(id, "20.00"));

            assertThat(answers).extracting(HttpResponse::statusCode).as("no 5xx, no 409 for a replay")
                    .containsOnly(200);
            assertThat(answers).filteredOn(a -> a.body().contains("\"duplicate\":false")).as("decided once")
                    .hasSize(1);
            assertThat(answers).extracting(a -> a.body().replaceAll(".*\"decision\":\"([A-Z]+)\".*", "$1"))
                    .as("every replay answers the decision of record").containsOnly("REVIEW");
            assertThat(rows(id)).isEqualTo(1);
            assertThat(publications(validated, id)).isEqualTo(1);
        }
    }

    @Test
    void identicalTransactionsSentAtOnceAreStoredAndPublishedOnce() throws Exception {
        String id = "tx-race-" + UUID.randomUUID();
        try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
            List<HttpResponse<String>> answers = fireAtOnce("/api/v1/transactions", TRANSACTION.formatted(id, "20.00"));

            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 202);
            assertThat(answers).filteredOn(a -> a.statusCode() == 202).as("accepted once").hasSize(1);
            assertThat(answers).filteredOn(a -> a.statusCode() == 200)
                    .allSatisfy(a -> assertThat(a.body()).contains("DUPLICATE"));
            assertThat(rows(id)).isEqualTo(1);
            assertThat(publications(validated, id)).isEqualTo(1);
        }
    }

    @Test
    void anotherTransactionUnderAKnownIdIsAConflictOnBothPaths() {
        String id = "tx-conflict-" + UUID.randomUUID();
        post("/api/v1/transactions", TRANSACTION.formatted(id, "20.00")).then().statusCode(202);
        post("/api/v1/transactions", TRANSACTION.formatted(id, "20.00")).then().statusCode(200)
                .body("status", equalTo("DUPLICATE"));
        post("/api/v1/transactions", TRANSACTION.formatted(id, "21.00")).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));

        String auth = "auth-conflict-" + UUID.randomUUID();
        post("/api/v1/authorizations", TRANSACTION.formatted(auth, "20.00")).then().statusCode(200)
                .body("duplicate", equalTo(false));
        post("/api/v1/authorizations", TRANSACTION.formatted(auth, "20.00")).then().statusCode(200)
                .body("duplicate", equalTo(true));
        post("/api/v1/authorizations", TRANSACTION.formatted(auth, "99.00")).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(rows(auth)).isEqualTo(1);
    }

    private static io.restassured.response.Response post(String path, String body) {
        return given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(body)
                .post(path);
    }

    /** {@link #CONCURRENT} identical requests released together by a latch. */
    private List<HttpResponse<String>> fireAtOnce(String path, String body) throws Exception {
        String token = Tokens.bearer("service");
        URI uri = base.toURI().resolve(path);
        CountDownLatch ready = new CountDownLatch(CONCURRENT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            futures.add(POOL.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", token)
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                ready.countDown();
                go.await();
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        ready.await();
        go.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    private long rows(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM transactions WHERE transaction_id = ?")) {
            count.setString(1, id);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events naming {@code id} on the topic once the outbox has drained, plus a quiet second for late copies. */
    private long publications(TopicTail validated, String id) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>(validated.next(1, Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(id) == 0);
        seen.addAll(validated.within(Duration.ofSeconds(1)));
        return seen.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).count();
    }

    private long outboxRows(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE convert_from(payload, 'UTF8') LIKE ?")) {
            count.setString(1, "%" + id + "%");
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
