package io.openfraud.ingestion.quality;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The data-quality gate in the running service: catalogue, 400 naming rules, report with masked examples, metrics. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class DataQualityTest {

    private static final String BAD_LUHN_PAN = "4111111111111112";
    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,
             "currency":"EUR","customer":{"id":"dq-customer-7"},"counterparty":{"id":"merchant-7"},
             "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";

    @Test
    void theCatalogueListsEveryRuleWithItsSeverityAndTheRuleSetVersion() {
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/quality/rules").then()
                .statusCode(200)
                .body("ruleSetVersion", startsWith("rs-"))
                .body("rules.id", hasItems("DQ-REQUIRED", "DQ-CURRENCY-ISO4217", "DQ-TIMESTAMP-SKEW",
                        "DQ-AMOUNT-POSITIVE", "DQ-CARD-LUHN", "DQ-BALANCE-CONSISTENT"))
                .body("rules.find { it.id == 'DQ-CARD-LUHN' }.severity", org.hamcrest.Matchers.equalTo("REJECT"))
                .body("rules.find { it.id == 'DQ-BALANCE-CONSISTENT' }.severity",
                        org.hamcrest.Matchers.equalTo("WARN"));
    }

    @Test
    void aFailedRuleIsNamedInTheProblemCountedAndReportedWithAMaskedExample() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String id = "dq-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TRANSACTION.formatted(id, BAD_LUHN_PAN)).post("/api/v1/transactions").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.rule", hasItem("DQ-CARD-LUHN")).body("errors.field", hasItem("card.pan"))
                .body(not(containsString(BAD_LUHN_PAN)));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(404);

        JsonPath report = given().header("Authorization", Tokens.bearer("analyst"))
                .queryParam("from", from.toString()).queryParam("to", from.plus(10, ChronoUnit.MINUTES).toString())
                .get("/api/v1/quality/report").then().statusCode(200)
                // The CVV as a value: other tests' masked examples may hold a BIN or token with these digits.
                .body(not(containsString(BAD_LUHN_PAN)), not(containsString("dq-customer-7")),
                        not(containsString("\"987\"")), not(containsString("cvv")))
                .extract().jsonPath();
        assertThat(report.getLong("rowsChecked")).isGreaterThanOrEqualTo(1);
        assertThat(report.getLong("rowsRejected")).isGreaterThanOrEqualTo(1);
        Map<String, Object> luhn = report.getMap("failures.find { it.rule == 'DQ-CARD-LUHN' }");
        assertThat(luhn).containsEntry("severity", "REJECT");
        assertThat(((Number) luhn.get("failures")).longValue()).isGreaterThanOrEqualTo(1);
        // Other tests of this JVM fail the same rule: every example shown is masked, whichever record it is.
        List<Map<String, Object>> examples = report.getList("failures.find { it.rule == 'DQ-CARD-LUHN' }.examples");
        assertThat(examples).isNotEmpty().allSatisfy(example -> assertThat(example.get("record").toString())
                .contains("bin=", "last4=", "token=tok_", "id=cus_").doesNotContain("cvv", "pan="));

        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "openfraud_quality_rule_checks_total\\{[^}]*result=\"fail\"[^}]*rule=\"DQ-CARD-LUHN\"[^}]*} [1-9]")
                .containsPattern("openfraud_quality_records_total\\{channel=\"REST\"[^}]*outcome=\"rejected\"");
    }

    @Test
    void aReportWindowMustBeValid() {
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("from", "yesterday")
                .get("/api/v1/quality/report").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("from", "2025-01-02T00:00:00Z")
                .queryParam("to", "2025-01-01T00:00:00Z").get("/api/v1/quality/report").then().statusCode(400);
    }

    @Test
    void aVersion2TransactionIsStoredWithItsContextWarningsAndLineageAndNoPersonalData() {
        String id = "dq-v2-" + UUID.randomUUID();
        String v2 = TRANSACTION.formatted(id, "4111111111111111")
                .replace("{\"transactionId\"", "{\"schemaVersion\":2,\"transactionId\"")
                .replace("12/29", "01/24")
                .replace("\"counterparty\":{\"id\":\"merchant-7\"}", "\"counterparty\":{\"id\":\"merchant-7\","
                        + "\"category\":\"grocery_pos\",\"location\":{\"lat\":48.86,\"lon\":2.35}}")
                .replace("\"customer\":{\"id\":\"dq-customer-7\"}", "\"customer\":{\"id\":\"dq-customer-7\","
                        + "\"person\":{\"firstName\":\"Ada\",\"dateOfBirth\":\"1990-12-10\","
                        + "\"location\":{\"lat\":48.85,\"lon\":2.35}}},\"channel\":\"POS\","
                        + "\"device\":{\"id\":\"dev-1\",\"ip\":\"192.0.2.7\"}");
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(v2)
                .post("/api/v1/transactions").then().statusCode(202);

        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id).then()
                .statusCode(200)
                .body("context.channel", org.hamcrest.Matchers.equalTo("POS"))
                .body("context.merchantCategory", org.hamcrest.Matchers.equalTo("grocery_pos"))
                .body("context.distanceKm", org.hamcrest.Matchers.equalTo(1))
                .body("context.customerAgeYears", org.hamcrest.Matchers.equalTo(34))
                .body("context.devicePseudonym", startsWith("dev_"))
                .body("context.ipPseudonym", startsWith("ip_"))
                .body("warnings", hasItem("DQ-CARD-EXPIRED"))
                .body("lineage.source", org.hamcrest.Matchers.equalTo("API"))
                .body("lineage.schemaVersion", org.hamcrest.Matchers.equalTo(2))
                .body("lineage.ruleSetVersion", startsWith("rs-"))
                .body("lineage.keyId", org.hamcrest.Matchers.equalTo("k1"))
                .body(not(containsString("Ada")), not(containsString("1990")), not(containsString("192.0.2.7")),
                        not(containsString("48.85")));
    }
}
