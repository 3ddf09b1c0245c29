package io.openfraud.ingestion.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.transaction.MaskedTransaction;
import io.agroal.api.AgroalDataSource;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.ingestion.export.service.TransactionExport;
import io.openfraud.ingestion.intake.rest.TransactionParser;
import io.openfraud.ingestion.intake.service.IntakeService;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The retraining export against a real PostgreSQL: the right rows, each a valid masked-transaction-v1. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class ExportTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String PAN = "4111111111111111";

    @Inject
    IntakeService intake;
    @Inject
    TransactionExport export;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TransactionParser parser;

    @Test
    void aTimeRangeStreamsItsRowsInEventTimeOrderAsMaskedTransactions() throws Exception {
        String customer = "exp-" + UUID.randomUUID();
        String late = submit(customer, "2017-06-01T23:59:59Z");
        String early = submit(customer, "2017-06-01T00:00:00Z");
        String middle = submit("exp-other-" + UUID.randomUUID(), "2017-06-01T12:00:00+02:00");
        submit(customer, "2017-06-02T00:00:00Z"); // `to` is exclusive
        submit(customer, "2017-05-31T23:59:59Z");
        String erased = submit("exp-erased-" + UUID.randomUUID(), "2017-06-01T08:00:00Z");
        String erasedPseudonym = given().header("Authorization", Tokens.bearer("analyst"))
                .get("/api/v1/transactions/" + erased).then().extract().path("customerPseudonym");
        given().header("Authorization", Tokens.bearer("service")).delete("/internal/v1/subjects/" + erasedPseudonym)
                .then().statusCode(200);

        String body = given().header("Authorization", Tokens.bearer("service"))
                .queryParam("from", "2017-06-01T00:00:00Z").queryParam("to", "2017-06-02T00:00:00Z")
                .get("/api/v1/exports/transactions").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();

        List<MaskedTransaction> rows = validLines(body);
        assertThat(rows).extracting(MaskedTransaction::transactionId).containsExactly(early, middle, late);
        assertThat(rows.get(0).card().last4()).isEqualTo("1111");
        assertThat(rows.get(0).customer().pseudonym()).startsWith("cus_");
        assertThat(rows.get(0).context().merchantCategory()).isEqualTo("grocery_pos");
        assertThat(rows.get(0).context().customerAgeYears()).isEqualTo(26);
        assertThat(body).doesNotContain(PAN).doesNotContain(customer).doesNotContain("Augusta")
                .doesNotContain("1990-12-10").doesNotContain("example.org").doesNotContain("\"cvv\"");
    }

    @Test
    void anImportJobStreamsOnlyItsRows() throws Exception {
        String job = "imp-" + UUID.randomUUID().toString().substring(0, 8);
        List<IntakeService.Prepared> items = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int row = 1; row <= 3; row++) {
            String id = "tx-" + UUID.randomUUID();
            ids.add(id);
            items.add(intake.prepare(parser.parse(JSON.readTree(transaction(id, "imp-cust",
                    "2016-01-0" + row + "T10:00:00Z"))), new Source(Source.Kind.FILE, job + ":" + row), Instant.now()));
        }
        intake.acceptAll(items);
        submit("imp-cust", "2016-01-02T10:00:00Z"); // same time, but not from the job

        String body = given().header("Authorization", Tokens.bearer("admin")).queryParam("importJob", job)
                .get("/api/v1/exports/transactions").then().statusCode(200).extract().asString();

        assertThat(validLines(body)).extracting(MaskedTransaction::transactionId).containsExactlyElementsOf(ids);
        given().header("Authorization", Tokens.bearer("admin")).queryParam("importJob", job + "x")
                .get("/api/v1/exports/transactions").then().statusCode(200).body(org.hamcrest.Matchers.emptyString());
    }

    @Test
    void theExportStreamsPageByPageFromAServerSideCursor() throws Exception {
        // Many more rows than one fetch: if the driver read the whole result before the first row (no cursor, or
        // auto-commit on, which makes PostgreSQL's driver ignore the fetch size), the first line would leave only
        // after every row had been read into memory. Measured in bytes this thread allocated, which does not depend
        // on timing: the first line must leave before the export has allocated what three pages of rows cost it.
        int rows = 50_000;
        String prefix = "cursor-" + UUID.randomUUID() + "-";
        Instant from = Instant.parse("2031-03-01T00:00:00Z");
        execute("""
                INSERT INTO transactions (transaction_id, event_time, type, amount_minor, currency, customer_pseudonym,
                    counterparty_pseudonym, path, key_id, delete_after)
                SELECT ? || n, timestamptz '2031-03-01T00:00:00Z' + n * interval '1 second', 'TRANSFER', 100 + n, 'EUR',
                       'cus_cursortest' || (n % 97), 'cpt_cursortest' || (n % 13), 'ASYNC', 'k1',
                       timestamptz '2036-03-01T00:00:00Z'
                FROM generate_series(1, ?) n""", prefix, rows);
        try {
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadAllocatedBytes();
            long[] atFirstLine = {-1};
            long[] lines = {0};
            java.io.OutputStream counting = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (atFirstLine[0] < 0) {
                        atFirstLine[0] = threads.getCurrentThreadAllocatedBytes() - start;
                    }
                    for (int i = off; i < off + len; i++) {
                        lines[0] += b[i] == '\n' ? 1 : 0;
                    }
                }
            };
            long written = export.write(new TransactionExport.Selection(from, from.plusSeconds(rows + 1L), null),
                    counting);
            long total = threads.getCurrentThreadAllocatedBytes() - start;

            assertThat(written).isEqualTo(rows);
            assertThat(lines[0]).isEqualTo(rows);
            long perRow = total / rows;
            assertThat(atFirstLine[0]).as("bytes allocated before the first line (%d per row in all, fetch size %d)",
                    perRow, TransactionExport.FETCH_SIZE).isLessThan(3L * TransactionExport.FETCH_SIZE * perRow);
        } finally {
            execute("DELETE FROM transactions WHERE transaction_id LIKE ? || '%'", prefix, null);
        }
    }

    private void execute(String sql, String text, Integer number) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement =
                connection.prepareStatement(sql)) {
            statement.setString(1, text);
            if (number != null) {
                statement.setInt(2, number);
            }
            statement.executeUpdate();
        }
    }

    @Test
    void badParametersAreProblemsAndAnalystsMayNotExport() {
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/exports/transactions").then()
                .statusCode(400).contentType(containsString("application/problem+json"));
        given().header("Authorization", Tokens.bearer("admin")).queryParam("from", "yesterday")
                .queryParam("to", "2017-06-02T00:00:00Z").get("/api/v1/exports/transactions").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("from"));
        given().header("Authorization", Tokens.bearer("admin")).queryParam("from", "2017-06-02T00:00:00Z")
                .queryParam("to", "2017-06-01T00:00:00Z").get("/api/v1/exports/transactions").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("to"));
        given().header("Authorization", Tokens.bearer("analyst")).queryParam("importJob", "imp-1")
                .get("/api/v1/exports/transactions").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
    }

    /** Every line validates against masked-transaction-v1 and binds to the record. */
    private static List<MaskedTransaction> validLines(String body) throws Exception {
        List<MaskedTransaction> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            assertThat(SchemaValidator.shared().validate("masked-transaction-v1.schema.json",
                    line.getBytes(StandardCharsets.UTF_8))).as(line).isEmpty();
            rows.add(JSON.readValue(line, MaskedTransaction.class));
        }
        return rows;
    }

    private static String submit(String customer, String timestamp) {
        String id = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(transaction(id, customer, timestamp)).post("/api/v1/transactions").then().statusCode(202);
        return id;
    }

    private static String transaction(String id, String customer, String timestamp) {
        return """
                {"schemaVersion":2,"transactionId":"%s","timestamp":"%s","type":"CARD","amount":12.50,"currency":"EUR",
                 "channel":"POS",
                 "customer":{"id":"%s","person":{"firstName":"Augusta","lastName":"Lovelace",
                   "dateOfBirth":"1990-12-10","email":"augusta@example.org",
                   "location":{"lat":48.85,"lon":2.35}}},
                 "counterparty":{"id":"merchant-7","category":"grocery_pos","location":{"lat":48.86,"lon":2.34}},
                 "card":{"pan":"%s","cvv":"123","expiry":"12/29"}}""".formatted(id, timestamp, customer, PAN);
    }
}
