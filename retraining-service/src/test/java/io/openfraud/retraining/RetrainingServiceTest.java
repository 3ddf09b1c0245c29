package io.openfraud.retraining;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.SecurityWalk;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Boots retraining-service against a real PostgreSQL and Kafka, with PyTorch loaded offline, and checks its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class RetrainingServiceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("retraining-service");
    }

    @Test
    void readinessChecksPostgresKafkaAndPyTorch() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.DATABASE_CHECK, OperationalEndpoints.KAFKA_CHECK,
                OperationalEndpoints.PYTORCH_CHECK);
    }

    @Test
    void everyOperationDeniesUndeclaredCallers() {
        assertThat(SecurityWalk.assertEveryOperationDeniesUndeclaredCallers()).isPositive();
    }

    @Test
    void listsRegisteredModelVersionsNewestFirst() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM model_versions");
            sql.executeUpdate("INSERT INTO model_versions (model_name, version, stage, feature_set_version, sha256,"
                    + " synthetic, created_at) VALUES ('fraud', 'v1', 'RETIRED', 'fs-1', repeat('a', 64), true,"
                    + " '2025-01-01T00:00:00Z'), ('fraud', 'v2', 'CHAMPION', 'fs-1', repeat('b', 64), false,"
                    + " '2025-02-01T00:00:00Z')");
        }
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/models").then().statusCode(200)
                .body("version", contains("v2", "v1"))
                .body("stage", contains("CHAMPION", "RETIRED"))
                .body("[1].synthetic", equalTo(true));
    }

    @Test
    void flywayCreatedTheSchemaAtStart() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, "public", "processed_events", null)) {
            assertThat(tables.next()).as("processed_events table").isTrue();
        }
    }
}
