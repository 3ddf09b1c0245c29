package io.openfraud.feature;

import static io.openfraud.feature.Fixtures.WAIT;
import static io.openfraud.feature.Fixtures.customer;
import static io.openfraud.feature.Fixtures.entity;
import static io.openfraud.feature.Fixtures.publish;
import static io.openfraud.feature.Fixtures.vector;
import static io.openfraud.feature.Fixtures.withCard;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.subject.SubjectDataApi;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject-data interface: a report with counts, an erasure that a replay of old records never undoes. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class SubjectDataTest {

    @Inject
    RedisDataSource redis;

    private static RequestSpecification asService() {
        return given().header("Authorization", Tokens.bearer(SubjectDataApi.ROLE));
    }

    @Test
    void anErasedSubjectStaysErasedWhenOldRecordsAreReplayed() {
        String customer = customer();
        String card = Fixtures.randomId("tok_");
        MaskedTransaction a = withCard(customer, "2025-03-01T10:00:00Z", 1_000, card);
        MaskedTransaction b = withCard(customer, "2025-03-01T10:10:00Z", 2_000, card);
        publish(a);
        publish(b);
        await().atMost(WAIT).untilAsserted(() -> {
            entity("customer", customer).statusCode(200).body("transactions", equalTo(2));
            entity("card", card).statusCode(200).body("transactions", equalTo(2));
        });

        String report = asService().get("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("records[0].store", equalTo("redis:features"))
                .body("records[0].data[0].entity", equalTo("customer"))
                .body("records[0].data[0].transactions", equalTo(2))
                .body("records[0].data[1].entity", equalTo("card"))
                .body("records[0].data[1].token", equalTo(card)).extract().asString();
        assertThat(SchemaValidator.shared().validate("subject-data-report-v1.schema.json",
                report.getBytes(StandardCharsets.UTF_8))).isEmpty();

        String erasure = asService().delete("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .extract().asString();
        assertThat(SchemaValidator.shared().validate("erasure-report-v1.schema.json",
                erasure.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(JsonPath.from(erasure).getList("effects.records", Integer.class)).containsExactly(1, 1, 1);
        assertThat(JsonPath.from(erasure).getList("effects.effect", String.class))
                .containsExactly("ERASED", "ERASED", "RETAINED");
        // idempotent: the same stores, nothing more to do
        asService().delete("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("effects.records", equalTo(List.of(0, 0, 0)));
        asService().get("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("records.size()", equalTo(0));

        // Replay the subject's old records, as a consumer rewind would after their fold markers expired.
        redis.key().del("fs:tx:" + a.transactionId(), "fs:tx:" + b.transactionId());
        publish(a);
        publish(b);
        // A sentinel behind them on the same partition: once it is folded, the replayed records were processed.
        MaskedTransaction sentinel = withCard(customer(), "2025-03-01T11:00:00Z", 500, Fixtures.randomId("tok_"));
        publish(sentinel, customer);
        await().atMost(WAIT).untilAsserted(() -> entity("customer", sentinel.customer().pseudonym())
                .statusCode(200).body("transactions", equalTo(1)));

        entity("customer", customer).statusCode(404);
        entity("card", card).statusCode(404);
        asService().get("/internal/v1/subjects/{p}", customer).then().statusCode(200)
                .body("records.size()", equalTo(0));
        vector(withCard(customer, "2025-03-01T12:00:00Z", 700, card)).statusCode(200)
                .body("features.customer_txn_count", equalTo(0.0f)).body("features.card_txn_count", equalTo(0.0f));
    }

    @Test
    void onlyServicesMayCallIt() {
        given().header("Authorization", Tokens.bearer("analyst")).get("/internal/v1/subjects/{p}", customer())
                .then().statusCode(403).contentType("application/problem+json");
        given().delete("/internal/v1/subjects/{p}", customer()).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
