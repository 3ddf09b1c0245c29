package io.openfraud.ingestion.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.EventJson;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.formats.synthetic.SyntheticTransactions.Labelled;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Bulk imports in the running service, on real PostgreSQL and Kafka: exact counts, rows stored once, labels on
 * {@code labels.feedback}, re-imports that store and publish nothing, gzip, a broken stream, a bad format. Files are
 * generated here from the seeded synthetic generator; nothing comes from a real dataset. Same test resources as
 * IngestionServiceTest, so the service boots once for the module.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class ImportTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String PAYSIM_HEADER = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,"
            + "oldbalanceDest,newbalanceDest,isFraud,isFlaggedFraud";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anNdjsonFileIsImportedOnceWithExactCountsLabelsAndRuleStatistics() throws Exception {
        List<Labelled> rows = SyntheticTransactions.generate(
                SyntheticTransactions.Options.defaults(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), 300);
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            file.append(ndjson(rows.get(i).transaction(), rows.get(i).label())).append('\n');
            if (i == 10) {
                file.append("this is not json\n");
            }
            if (i == 20) {
                file.append("{\"transactionId\":\"only-an-id\"}\n");
                file.append('\n'); // blank lines are not rows
            }
            if (i == 30) {
                file.append("[1, 2, 3]\n");
            }
            if (i % 70 == 0) {
                // rule-failing rows: an unknown currency (semantic rule), a negative amount (schema rule)
                Transaction t = rows.get(i).transaction();
                file.append(ndjson(copy(t, "bad-cur-" + t.transactionId(), t.amount(), "ZZZ"), LabelValue.FRAUD))
                        .append('\n');
                if (i < 140) {
                    file.append(ndjson(copy(t, "bad-amt-" + t.transactionId(), new BigDecimal("-3.00"),
                            t.currency()), LabelValue.FRAUD)).append('\n');
                }
            }
        }
        // 300 good, 3 malformed, 5 + 2 rule-failing (i = 0, 70, 140, 210, 280 and i = 0, 70)
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, LabelValue> expectedLabels = rows.stream().collect(Collectors.toMap(
                r -> r.transaction().transactionId(), Labelled::label));
        String pan = rows.stream().filter(r -> r.transaction().card() != null).findFirst().orElseThrow()
                .transaction().card().pan();

        try (TopicTail labels = Infra.kafka().tail(Topics.LABELS_FEEDBACK_NAME)) {
            Response upload = upload("ndjson", "synthetic.ndjson", bytes, false);
            upload.then().statusCode(202).body("status", equalTo("QUEUED")).body("format", equalTo("ndjson"))
                    .body("fileName", equalTo("synthetic.ndjson"));
            long id = upload.jsonPath().getLong("id");
            assertThat(upload.header("Location")).endsWith("/api/v1/imports/" + id);

            JsonPath job = awaitFinished(id);
            assertThat(job.getString("status")).isEqualTo("COMPLETED");
            assertThat(job.getLong("rowsRead")).isEqualTo(310);
            assertThat(job.getLong("accepted")).isEqualTo(300);
            assertThat(job.getLong("duplicates")).isZero();
            assertThat(job.getLong("rejected")).isEqualTo(7);
            assertThat(job.getLong("malformed")).isEqualTo(3);
            assertThat(job.getLong("labelsPublished")).isEqualTo(300);
            assertThat(job.getMap("rejectedByRule", String.class, Integer.class))
                    .containsExactlyInAnyOrderEntriesOf(Map.of("DQ-CURRENCY-ISO4217", 5, "DQ-AMOUNT-POSITIVE", 2));
            assertThat(job.getMap("malformedReasons", String.class, Integer.class).values().stream()
                    .mapToInt(Integer::intValue).sum()).isEqualTo(3);
            assertThat(job.getMap("malformedReasons").keySet()).contains("line: not valid JSON");
            assertThat(job.getString("fileSha256")).isEqualTo(sha256(bytes));
            assertThat(job.getDouble("rowsPerSecond")).isPositive();
            assertThat(job.prettify()).doesNotContain(pan);
            assertThat(storedRowsOf(id)).isEqualTo(300);
            assertThat(storedTextOf(id)).doesNotContain(pan).doesNotContain("@example.org");

            EventCodec<LabelFeedback> codec = new EventCodec<>(Topics.LABELS_FEEDBACK);
            Map<String, LabelValue> published = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : labels.next(300, Duration.ofSeconds(60))) {
                EventEnvelope<LabelFeedback> label = codec.decode(record.value());
                assertThat(record.key()).isEqualTo(label.payload().transactionId());
                assertThat(label.payload().source()).isEqualTo(LabelSource.IMPORT);
                assertThat(published.put(label.payload().transactionId(), label.payload().label())).isNull();
            }
            assertThat(published).isEqualTo(expectedLabels);
            awaitEmptyOutbox();

            try (TopicTail validated = Infra.kafka().tail(Topics.TRANSACTIONS_VALIDATED_NAME)) {
                long again = upload("ndjson", "synthetic.ndjson", bytes, false).then().statusCode(202).extract()
                        .jsonPath().getLong("id");
                JsonPath rerun = awaitFinished(again);
                assertThat(rerun.getString("status")).isEqualTo("COMPLETED");
                assertThat(rerun.getLong("accepted")).isZero();
                assertThat(rerun.getLong("duplicates")).isEqualTo(300);
                assertThat(rerun.getLong("rejected")).isEqualTo(7);
                assertThat(rerun.getLong("malformed")).isEqualTo(3);
                assertThat(rerun.getLong("labelsPublished")).isZero();
                assertThat(storedRowsOf(again)).isZero();
                assertThat(labels.within(Duration.ofSeconds(1))).as("no label published again").isEmpty();
                assertThat(validated.within(Duration.ofMillis(500))).as("no transaction published again")
                        .noneMatch(r -> expectedLabels.keySet().stream()
                                .anyMatch(txId -> new String(r.value(), StandardCharsets.UTF_8).contains(txId)));
            }
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("openfraud_quality_records_total{channel=\"FILE\",outcome=\"rejected\"}");
    }

    @Test
    void aGzippedPaySimFileIsDecompressedAndItsIdsAreStableAcrossUploads() throws Exception {
        // A fresh seed (PaySim ids derive from the rows, so each run needs new rows) and a fraud rate high enough that
        // 400 rows always hold frauds of the non-card kinds PaySim has.
        long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        List<Labelled> rows = SyntheticTransactions.generate(new SyntheticTransactions.Options(seed, 500, 0.3,
                        java.time.Instant.parse("2025-01-01T00:00:00Z"), java.time.Duration.ofSeconds(20)), 400)
                .stream().filter(r -> r.transaction().type() != TransactionType.CARD).toList();
        StringBuilder csv = new StringBuilder(PAYSIM_HEADER).append('\n');
        for (Labelled row : rows) {
            csv.append(paySim(row)).append('\n');
        }
        csv.append("1,TELEPORT,10.00,C1,0,0,C2,0,0,0,0\n"); // malformed: unknown type
        byte[] plain = csv.toString().getBytes(StandardCharsets.UTF_8);
        long frauds = rows.stream().filter(r -> r.label() == LabelValue.FRAUD).count();
        assertThat(frauds).as("the sample has frauds").isPositive();

        long id = upload("paysim", "paysim.csv.gz", gzip(plain), true).then().statusCode(202).extract().jsonPath()
                .getLong("id");
        JsonPath job = awaitFinished(id);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getLong("rowsRead")).isEqualTo(rows.size() + 1);
        assertThat(job.getLong("accepted")).isEqualTo(rows.size());
        assertThat(job.getLong("malformed")).isEqualTo(1);
        assertThat(job.getLong("labelsPublished")).isEqualTo(rows.size());
        assertThat(job.getString("fileSha256")).as("of the content, not of the gzip stream").isEqualTo(sha256(plain));
        assertThat(storedIdsOf(id)).hasSize(rows.size()).allMatch(txId -> txId.startsWith("ps-"));

        // The same content, uncompressed and without Content-Encoding: the same ids, so nothing new.
        long again = upload("PaySim", "paysim.csv", plain, false).then().statusCode(202).extract().jsonPath()
                .getLong("id");
        JsonPath rerun = awaitFinished(again);
        assertThat(rerun.getString("status")).isEqualTo("COMPLETED");
        assertThat(rerun.getLong("duplicates")).isEqualTo(rows.size());
        assertThat(rerun.getLong("accepted")).isZero();
        assertThat(rerun.getString("fileSha256")).isEqualTo(sha256(plain));
    }

    @Test
    void aBrokenGzipStreamFailsTheJobWithAReason() throws Exception {
        StringBuilder file = new StringBuilder();
        for (Labelled row : SyntheticTransactions.generate(
                SyntheticTransactions.Options.defaults(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), 50)) {
            file.append(ndjson(row.transaction(), row.label())).append('\n');
        }
        byte[] compressed = gzip(file.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

        long id = upload("ndjson", "broken.ndjson.gz", truncated, true).then().statusCode(202).extract().jsonPath()
                .getLong("id");
        JsonPath job = awaitFinished(id);
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getString("error")).contains("truncated");
        assertThat(job.getString("finishedAt")).isNotNull();

        long notGzip = upload("ndjson", "plain.ndjson", "{}\n".getBytes(StandardCharsets.UTF_8), true).then()
                .statusCode(202).extract().jsonPath().getLong("id");
        assertThat(awaitFinished(notGzip).getString("error")).contains("not gzip");
    }

    @Test
    void anUnknownOrMissingFormatIsA400ProblemAndAnUnknownJobA404() {
        given().header("Authorization", Tokens.bearer("admin")).contentType("text/csv").body("a,b\n")
                .post("/api/v1/imports?format=xls").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("format"));
        given().header("Authorization", Tokens.bearer("admin")).contentType("text/csv").body("a,b\n")
                .post("/api/v1/imports").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/imports/999999999").then()
                .statusCode(404).contentType(containsString("application/problem+json"));
        given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/imports/not-a-number").then()
                .statusCode(404).contentType(containsString("application/problem+json"));
    }

    private static Response upload(String format, String name, byte[] body, boolean gzip) {
        var request = given().header("Authorization", Tokens.bearer("service"))
                .contentType("application/octet-stream").body(body);
        if (gzip) {
            request = request.header("Content-Encoding", "gzip");
        }
        return request.post("/api/v1/imports?format=" + format + "&fileName=" + name);
    }

    private static JsonPath awaitFinished(long id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/imports/" + id)
                    .then().statusCode(200).extract().jsonPath();
            return Set.of("COMPLETED", "FAILED").contains(last[0].getString("status"));
        });
        return last[0];
    }

    private void awaitEmptyOutbox() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM outbox", null) == 0);
    }

    private long storedRowsOf(long job) throws Exception {
        return count("SELECT count(*) FROM transactions WHERE source_kind = 'FILE' AND source_ref LIKE ?",
                "imp-" + job + ":%");
    }

    private List<String> storedIdsOf(long job) throws Exception {
        return query("SELECT transaction_id FROM transactions WHERE source_ref LIKE ?", "imp-" + job + ":%");
    }

    private String storedTextOf(long job) throws Exception {
        return String.join("\n", query("SELECT t::text FROM transactions t WHERE source_ref LIKE ?",
                "imp-" + job + ":%"));
    }

    private long count(String sql, String parameter) throws Exception {
        return Long.parseLong(query(sql, parameter).get(0));
    }

    private List<String> query(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new java.util.ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private static String ndjson(Transaction transaction, LabelValue label) {
        ObjectNode node = JSON.valueToTree(transaction);
        node.put("label", label.name());
        return node.toString();
    }

    private static Transaction copy(Transaction t, String id, BigDecimal amount, String currency) {
        return new Transaction(id, t.timestamp(), t.type(), amount, currency, t.customer(), t.counterparty(),
                t.account(), t.card(), t.channel(), t.device());
    }

    /** A PaySim row of a generated transaction; PaySim has no card, so only the other types are written. */
    private static String paySim(Labelled row) {
        Transaction t = row.transaction();
        return String.join(",", "1", t.type().name(), t.amount().toPlainString(), t.customer().id(),
                t.account() == null ? "" : plain(t.account().balanceBefore()),
                t.account() == null ? "" : plain(t.account().balanceAfter()), t.counterparty().id(),
                plain(t.counterparty().balanceBefore()), plain(t.counterparty().balanceAfter()),
                row.label() == LabelValue.FRAUD ? "1" : "0", "0");
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
