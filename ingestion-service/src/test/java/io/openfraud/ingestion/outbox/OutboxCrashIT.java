package io.openfraud.ingestion.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.platform.infra.KafkaNode;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.SharedKafka;
import io.openfraud.platform.test.SharedPostgres;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox across a crash, against the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a process
 * in the prod profile, with a real Kafka and PostgreSQL started in this JVM: the service halts like {@code kill -9}
 * right after committing a transaction (test-only fault point), so the row is stored and nothing is published; after a
 * restart the relay publishes it exactly once, with the event id stored in the outbox.
 */
class OutboxCrashIT {

    private static final Path JAR = Path.of(System.getProperty("openfraud.ingestion.jar",
            "target/quarkus-app/quarkus-run.jar"));
    private static final Path LOGS = Path.of(System.getProperty("openfraud.it.logs", "target/it-logs"));
    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.50,
             "currency":"EUR","customer":{"id":"alice-42"},"counterparty":{"id":"merchant-7"},
             "card":{"pan":"4111111111111111","cvv":"987","expiry":"12/29"}}""";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static SharedKafka kafka;
    private static SharedPostgres postgres;
    private static String jdbcUrl;
    private static Path publicKeyPem;
    private static String token;
    private static String panKey;
    private static String pseudonymKey;
    private static String vaultKey;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void infrastructureAndKeys() throws Exception {
        kafka = Infra.kafka();
        kafka.createTopics(KafkaNode.platformTopics(3));
        postgres = Infra.postgres();
        jdbcUrl = postgres.createDatabase("ingestion");

        Files.createDirectories(LOGS);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        publicKeyPem = LOGS.resolve("jwt-public.pem").toAbsolutePath();
        Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        token = Jwt.issuer("openfraud").upn("outbox-crash-it").subject("outbox-crash-it").groups(Set.of("service"))
                .expiresIn(3600).sign(pair.getPrivate());
        panKey = randomKey();
        pseudonymKey = randomKey();
        vaultKey = randomKey();
    }

    @AfterEach
    void killServices() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTransactionCommittedJustBeforeACrashIsPublishedExactlyOnceAfterTheRestart() throws Exception {
        String id = "crash-" + UUID.randomUUID();

        int port = freePort();
        Process crashing = start(port, true, "ingestion-crash.log");
        awaitReady(crashing, port, "ingestion-crash.log");
        try {
            HttpResponse<String> answer = http.send(post(port, id), HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the service answered " + answer.statusCode() + " instead of halting");
        } catch (IOException expected) {
            // the process halted after the commit, before it could answer
        }
        assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).as("the service halted").isTrue();
        assertThat(crashing.exitValue()).as("halted like kill -9").isEqualTo(137);

        String eventId = outboxEventIdOf(id);
        assertThat(eventId).as("the outbox row committed with the transaction").isNotNull();
        assertThat(storedTransactions(id)).as("the transaction row").isEqualTo(1);
        assertThat(recordsFor(id, false, Duration.ofSeconds(30))).as("nothing published before the crash").isEmpty();

        port = freePort();
        Process restarted = start(port, false, "ingestion-restart.log");
        awaitReady(restarted, port, "ingestion-restart.log");

        List<EventEnvelope<ValidatedTransaction>> published = recordsFor(id, true, Duration.ofSeconds(60));
        assertThat(published).as("published exactly once after the restart").hasSize(1);
        assertThat(published.get(0).eventId()).as("with the event id stored in the outbox").isEqualTo(eventId);
        assertThat(published.get(0).payload().transaction().transactionId()).isEqualTo(id);
        assertThat(outboxEventIdOf(id)).as("the outbox row is gone once published").isNull();
    }

    private Process start(int port, boolean faultPoint, String logName) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Dai.djl.offline=true", "-jar", JAR.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.putAll(environment(port));
        env.remove("OPENFRAUD_TEST_FAULT_POINT");
        if (faultPoint) {
            env.put("OPENFRAUD_TEST_FAULT_POINT", FaultPoint.AFTER_COMMIT_BEFORE_PUBLISH);
        }
        builder.redirectErrorStream(true).redirectOutput(LOGS.resolve(logName).toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** What fraudctl gives the service in the prod profile (ServiceStack#environment), on this test's ports. */
    private Map<String, String> environment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKeyPem.toString());
        env.put("OPENFRAUD_MASKING_PAN_KEY", panKey);
        env.put("OPENFRAUD_MASKING_PSEUDONYM_KEY", pseudonymKey);
        env.put("OPENFRAUD_VAULT_MASTER_KEY", vaultKey);
        // No scoring-service here: the warm-up does not wait for it.
        env.put("QUARKUS_REST_CLIENT_SCORING_SERVICE_URL", "http://127.0.0.1:1");
        env.put("OPENFRAUD_WARM_UP_PEER_PATIENCE", "0s");
        String djlCache = System.getenv("DJL_CACHE_DIR");
        if (djlCache != null && !djlCache.isBlank()) {
            env.put("DJL_CACHE_DIR", djlCache);
        }
        return env;
    }

    private void awaitReady(Process process, int port, String logName) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail(logName));
            }
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListening) {
                return false;
            }
        });
    }

    private HttpRequest post(int port, String id) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/transactions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TRANSACTION.formatted(id))).build();
    }

    /**
     * Every event for transaction {@code id} on transactions.validated, read from the beginning up to the end offsets.
     * With {@code awaitOne}, it first waits (up to {@code timeout}) for one to arrive and for the outbox to empty, then
     * reads on to the end offsets of that moment, so a second copy published behind the first would be counted.
     */
    private List<EventEnvelope<ValidatedTransaction>> recordsFor(String id, boolean awaitOne, Duration timeout)
            throws Exception {
        EventCodec<ValidatedTransaction> codec = new EventCodec<>(Topics.TRANSACTIONS_VALIDATED);
        List<EventEnvelope<ValidatedTransaction>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRANSACTIONS_VALIDATED_NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            if (awaitOne) {
                while (found.isEmpty() && System.nanoTime() < deadline) {
                    poll(consumer, codec, id, found);
                }
                assertThat(found).as("published within " + timeout).isNotEmpty();
                await().atMost(timeout).untilAsserted(() -> assertThat(outboxEventIdOf(id)).isNull());
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read up to the end offsets within " + timeout).isLessThan(deadline);
                poll(consumer, codec, id, found);
            }
        }
        return found;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, EventCodec<ValidatedTransaction> codec, String id,
            List<EventEnvelope<ValidatedTransaction>> found) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            EventEnvelope<ValidatedTransaction> event = codec.decode(record.value());
            if (event.payload().transaction().transactionId().equals(id)) {
                assertThat(record.key()).isEqualTo(event.payload().transaction().customer().pseudonym());
                found.add(event);
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The event id of the outbox row announcing transaction {@code id}, or null. */
    private static String outboxEventIdOf(String id) throws Exception {
        try (Connection connection = postgres.connect("ingestion"); PreparedStatement select = connection
                .prepareStatement("SELECT event_id FROM outbox WHERE convert_from(payload, 'UTF8') LIKE ?")) {
            select.setString(1, "%\"" + id + "\"%");
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static int storedTransactions(String id) throws Exception {
        try (Connection connection = postgres.connect("ingestion"); PreparedStatement select = connection
                .prepareStatement("SELECT count(*) FROM transactions WHERE transaction_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static String logTail(String logName) {
        try {
            List<String> lines = Files.readAllLines(LOGS.resolve(logName));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
