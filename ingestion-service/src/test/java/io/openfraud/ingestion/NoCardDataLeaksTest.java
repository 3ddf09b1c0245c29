package io.openfraud.ingestion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.Topics;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The PCI-DSS proof: seeded card numbers (13 to 19 digits, Luhn-valid, plain, spaced and dashed) and CVVs sent
 * through every intake path, in the right fields and in wrong ones, valid and invalid, then searched for in every
 * stored row, every record of every topic (dead-letter topics included), every answer and every log line. None may
 * appear, and no Luhn-valid run of 13 to 19 digits may appear in any text value (numeric columns and JSON numbers are
 * the declared numeric fields).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class NoCardDataLeaksTest {

    private static final long SEED = 20261124L;
    private static final int CARDS = 40;
    private static final Pattern PLAIN_RUN = Pattern.compile("(?<!\\d)\\d{13,19}(?!\\d)");
    private static final Path LOG = Path.of("target", "ingestion-service-test.log");
    private static final String TX = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,"currency":"EUR",\
            "customer":{"id":"%s"},"counterparty":{"id":"%s"},"card":{"pan":"%s","cvv":"%s","expiry":"12/29"}}""";

    @Inject
    AgroalDataSource dataSource;

    /** A Luhn-valid number of {@code length} digits. */
    static String luhnNumber(Random random, int length) {
        StringBuilder digits = new StringBuilder().append(3 + random.nextInt(4));
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (CardTokenizer.luhnValid(digits.toString() + check)) {
                return digits.append(check).toString();
            }
        }
        throw new IllegalStateException("no check digit");
    }

    static String grouped(String pan, char separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pan.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(separator);
            }
            out.append(pan.charAt(i));
        }
        return out.toString();
    }

    @Test
    void noCardNumberOrCvvLeavesIngestionAnywhere() throws Exception {
        Random random = new Random(SEED);
        List<String> pans = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < CARDS; i++) {
            String pan = luhnNumber(random, 13 + random.nextInt(7));
            String cvv = String.format("%0" + (3 + random.nextInt(2)) + "d", random.nextInt(1000));
            pans.add(pan);
            String id = "leak-" + run + "-" + i;
            String valid = TX.formatted(id, "cust-" + i, "m-" + i, pan, cvv);
            // In a wrong field: as the customer's id (accepted, pseudonymised) and, grouped, as the PAN (rejected).
            String inId = TX.formatted(id + "-w", grouped(pan, ' '), "m-" + i, pan, cvv);
            String spaced = TX.formatted(id + "-s", "cust-" + i, "m-" + i, grouped(pan, ' '), cvv);
            switch (i % 4) {
                case 0 -> answers.add(post("/api/v1/transactions", valid));
                case 1 -> answers.add(post("/api/v1/authorizations", valid));
                case 2 -> batch.append(valid).append('\n').append(inId).append('\n').append(spaced).append('\n')
                        .append("{broken ").append(grouped(pan, '-')).append('\n');
                default -> {
                    Infra.kafka().produce(Topics.TRANSACTIONS_RAW_NAME, id, """
                            {"eventId":"%s","type":"transaction.raw","schemaVersion":1,\
                            "occurredAt":"2025-01-01T10:00:00Z","producer":"acquirer","payload":%s}"""
                            .formatted(UUID.randomUUID(), valid));
                    Infra.kafka().produce(Topics.TRANSACTIONS_RAW_NAME, id + "-garbage",
                            "card " + pan + " " + grouped(pan, '-') + " {");
                    answers.add(post("/api/v1/transactions", inId));
                    answers.add(post("/api/v1/transactions", spaced));
                }
            }
        }
        answers.add(given().header("Authorization", Tokens.bearer("service")).contentType("application/x-ndjson")
                .body(batch.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/transactions/batch")
                .then().statusCode(200).extract().asString());

        // Everything the intake does is done: the raw records are in, and the outbox is empty.
        String lastRaw = "leak-" + run + "-" + (CARDS - 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM transactions WHERE transaction_id = '" + lastRaw + "'"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM outbox")).isZero();
        });
        answers.add(given().header("Authorization", Tokens.bearer("analyst")).queryParam("limit", 500)
                .get("/api/v1/quality/quarantine").then().statusCode(200).extract().asString());
        answers.add(given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/quality/report")
                .then().statusCode(200).extract().asString());

        Map<String, List<String>> corpus = new HashMap<>();
        corpus.put("answers", answers);
        corpus.put("database", databaseText());
        corpus.put("topics", topicText());
        corpus.put("log", List.of(Files.readString(LOG)));
        assertThat(corpus.get("database")).as("rows stored").hasSizeGreaterThan(CARDS);
        assertThat(corpus.get("topics")).as("records published").hasSizeGreaterThan(CARDS / 2);

        for (Map.Entry<String, List<String>> source : corpus.entrySet()) {
            for (String text : source.getValue()) {
                for (String pan : pans) {
                    assertThat(text).as("%s holds a card number", source.getKey()).doesNotContain(pan,
                            grouped(pan, ' '), grouped(pan, '-'));
                }
                if (!source.getKey().equals("log")) {
                    assertThat(text).as("%s holds a CVV member", source.getKey())
                            .doesNotContainIgnoringCase("\"cvv\"");
                    Matcher runs = PLAIN_RUN.matcher(text);
                    while (runs.find()) {
                        assertThat(CardTokenizer.luhnValid(runs.group())).as("%s holds a Luhn-valid run %s",
                                source.getKey(), runs.group().substring(0, 4) + "...").isFalse();
                    }
                }
            }
        }
    }

    private static String post(String path, String body) {
        return given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(body).post(path).then().extract().asString();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Every text value of every table (bytea: the outbox payload as UTF-8; other binary is ciphertext). */
    private List<String> databaseText() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            int type = meta.getColumnType(col);
                            if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                                byte[] bytes = rows.getBytes(col);
                                if (bytes != null && table.equals("outbox")) {
                                    row.append(new String(bytes, StandardCharsets.UTF_8)).append('|');
                                }
                            } else if (type == Types.VARCHAR || type == Types.CHAR || type == Types.OTHER
                                    || type == Types.LONGVARCHAR || type == Types.ARRAY) {
                                row.append(rows.getString(col)).append('|');
                            }
                        }
                        texts.add(row.toString());
                    }
                }
            }
        }
        return texts;
    }

    /** Every record value and key of every topic, dead-letter topics included, read to the end. */
    private static List<String> topicText() {
        List<String> texts = new ArrayList<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "leak-check-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (!topic.startsWith("__") && !topic.equals(Topics.TRANSACTIONS_RAW_NAME)) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    texts.add(record.topic() + ":" + (record.key() == null ? ""
                            : new String(record.key(), StandardCharsets.UTF_8)) + ":"
                            + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return texts;
    }
}
