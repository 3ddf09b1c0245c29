package io.openfraud.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.OperationalEndpoints;
import io.openfraud.platform.test.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Boots ingestion-service against a real PostgreSQL and Kafka and checks its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class IngestionServiceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void servesHealthMetricsAndOpenApi() {
        OperationalEndpoints.assertServed("ingestion-service");
    }

    @Test
    void readinessChecksPostgresAndKafka() {
        OperationalEndpoints.assertReadyWith(OperationalEndpoints.DATABASE_CHECK, OperationalEndpoints.KAFKA_CHECK);
    }

    @Test
    void flywayCreatedTheSchemaAtStart() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, "public", "processed_events", null)) {
            assertThat(tables.next()).as("processed_events table").isTrue();
        }
    }
}
