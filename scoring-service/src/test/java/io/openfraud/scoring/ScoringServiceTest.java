package io.openfraud.scoring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Boots scoring-service against a real Kafka, with PyTorch loaded offline, and exercises its API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class ScoringServiceTest {

    private static final String MASKED = """
            {"transactionId":"t-1","timestamp":"2025-01-01T10:00:00Z","type":"TRANSFER","amountMinor":%d,
             "currency":"EUR","customer":{"pseudonym":"cus_pseudonym_1","balanceBeforeMinor":%d,
             "balanceAfterMinor":0},"counterparty":{"pseudonym":"cpt_pseudonym_1"}}""";

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("scoring-service");
    }

    @Test
    void readinessChecksKafkaAndPyTorch() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.KAFKA_CHECK, OperationalEndpoints.PYTORCH_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isPositive();
    }

    @Test
    void rulesScoreAMaskedTransactionAndSaySo() {
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(20_000_000L, 20_000_000L))
                .post("/api/v1/score").then().statusCode(200)
                .body("scorer", equalTo("RULES"))
                .body("decision", equalTo("DECLINE"))
                .body("modelVersion", equalTo("rules-1"))
                .body("degraded", hasItem("FEATURES_UNAVAILABLE"))
                .body("reasons[0].code", equalTo("AMOUNT_VERY_HIGH"));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(MASKED.formatted(1_500L, 0L))
                .post("/api/v1/score").then().statusCode(200)
                .body("decision", equalTo("APPROVE"));
    }

    @Test
    void aRawCardNumberIsRejectedWithoutBeingEchoed() {
        String pan = "4111111111111111";
        String withPan = MASKED.formatted(1_500L, 0L).replace("\"counterparty\"",
                "\"card\":{\"pan\":\"" + pan + "\",\"cvv\":\"123\"},\"counterparty\"");
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(withPan)
                .post("/api/v1/score").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(containsString("card")))
                .body(not(containsString(pan)))
                .body(not(containsString("123\"")));
    }

    @Test
    void routingErrorsAreProblemsToo() {
        String service = Tokens.bearer("service");
        given().header("Authorization", service).get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("status", equalTo(404));
        given().header("Authorization", service).get("/api/v1/score").then().statusCode(405)
                .contentType(containsString("application/problem+json")).body("status", equalTo(405));
        given().header("Authorization", service).contentType("text/plain").body("hello")
                .post("/api/v1/score").then().statusCode(415)
                .contentType(containsString("application/problem+json")).body("status", equalTo(415));
    }

    @Test
    void anInvalidTokenIsRejectedLikeAMissingOne() {
        given().header("Authorization", "Bearer not.a.token").contentType("application/json")
                .body(MASKED.formatted(1_500L, 0L))
                .post("/api/v1/score").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void malformedJsonIsAProblemNotAStackTrace() {
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body("{\"transactionId\": ")
                .post("/api/v1/score").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body(not(containsString("Exception")));
    }
}
