package io.openfraud.fraudctl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openfraud.events.DeadLetters;
import io.openfraud.events.Topics;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.Ports;
import io.openfraud.fraudctl.process.ProcessSpec;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.fraudctl.services.PlatformService;
import io.openfraud.fraudctl.services.ServicePorts;
import io.openfraud.fraudctl.services.ServiceStack;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole platform as {@code fraudctl up} runs it: the embedded stores and the five packaged services (built by
 * this reactor before this module's integration tests), in the prod profile, on free ports, with a fresh
 * installation's keys. Asserts both paths and both kinds of bad input end to end, and that a service refuses to start
 * without its keys. Prints each service's start-up time and RSS (the numbers of docs/testing.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final String PAN = "4111111111111111";
    private static final String TRANSACTION = """
            {"transactionId":"%s","timestamp":"%s","type":"CARD","amount":%s,
             "currency":"EUR","customer":{"id":"%s"},"counterparty":{"id":"merchant-7"},
             "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";
    /** A v2 transaction with the person, whom ingestion keeps only in its encrypted vault. */
    private static final String WITH_PERSON = """
            {"schemaVersion":2,"transactionId":"%s","timestamp":"%s","type":"CARD","amount":%s,"currency":"EUR",
             "channel":"POS",
             "customer":{"id":"%s","person":{"firstName":"Ada","lastName":"Byron","gender":"F",
               "dateOfBirth":"1985-12-10","email":"%s","job":"Engineer",
               "address":{"street":"2 Example Street","city":"Paris","postalCode":"75002","country":"FR",
                          "cityPopulation":2100000},
               "location":{"lat":48.85,"lon":2.35}}},
             "counterparty":{"id":"merchant-7","name":"Grocer","category":"grocery_pos",
                             "location":{"lat":48.86,"lon":2.34}},
             "card":{"pan":"%s","cvv":"987","expiry":"12/29"}}""";
    private static final Duration FLOW = Duration.ofSeconds(30);

    private Path homeDirectory;
    private FraudctlHome home;
    private InfraPorts infraPorts;
    private ServicePorts servicePorts;
    private InstallKeys keys;
    private ServiceStack services;
    private final ProcessSupervisor infraSupervisor = new ProcessSupervisor();
    private final ProcessSupervisor serviceSupervisor = new ProcessSupervisor();
    private String serviceToken;
    private String analystToken;
    private String dpoToken;
    private String adminToken;

    @BeforeAll
    void startPlatform() throws Exception {
        Path repository = Path.of(System.getProperty("openfraud.repository", "../..")).toAbsolutePath().normalize();
        homeDirectory = Files.createTempDirectory("fraudctl-e2e-");
        home = new FraudctlHome(homeDirectory);
        infraPorts = new InfraPorts(Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort());
        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, Ports.freePort());
        }
        servicePorts = new ServicePorts(ports);
        services = new ServiceStack(home, repository, Path.of(System.getProperty("java.home"), "bin", "java"),
                infraPorts, servicePorts, System::getenv);
        assertThat(services.missingJars()).as("packaged services under %s (build them: ./mvnw -B -DskipTests "
                + "install)", repository).isEmpty();
        keys = InstallKeys.ensure(home.keys());
        TokenIssuer issuer = new TokenIssuer(keys.loadJwtPrivateKey(), Clock.systemUTC());
        serviceToken = "Bearer " + issuer.issue("e2e", Set.of(Role.SERVICE), Duration.ofHours(1));
        analystToken = "Bearer " + issuer.issue("e2e", Set.of(Role.ANALYST), Duration.ofHours(1));
        dpoToken = "Bearer " + issuer.issue("e2e", Set.of(Role.DPO), Duration.ofHours(1));
        adminToken = "Bearer " + issuer.issue("e2e-operator", Set.of(Role.ADMIN), Duration.ofHours(1));

        long begin = System.nanoTime();
        new InfraStack(home, infraPorts, JavaCommand.ofThisApplication())
                .up(infraSupervisor, Lifetime.ATTACHED, Duration.ofSeconds(120));
        long storesReady = System.nanoTime();
        ServiceStack.UpResult up = services.up(serviceSupervisor, keys, Lifetime.ATTACHED, Duration.ofSeconds(180));
        long servicesReady = System.nanoTime();
        assertThat(up.started()).containsOnlyKeys(PlatformService.values());
        System.out.printf(Locale.ROOT, "[e2e] stores ready in %.1f s, services ready %.1f s later%n",
                (storesReady - begin) / 1e9, (servicesReady - storesReady) / 1e9);
        up.started().forEach((service, process) -> System.out.printf(Locale.ROOT,
                "[e2e] %-19s ready in %5.1f s, RSS %d MB%n", service.serviceName(),
                process.startupTime().toMillis() / 1000.0, residentMegabytes(process.pid())));
    }

    @AfterAll
    void stopPlatform() throws IOException {
        serviceSupervisor.stopAll();
        infraSupervisor.stopAll();
        if (homeDirectory != null) {
            try (Stream<Path> paths = Files.walk(homeDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void asynchronousTransactionIsMaskedStoredScoredRecordedAndAuditedOnce() {
        String id = "e2e-async-" + UUID.randomUUID();
        String customer = "alice-" + UUID.randomUUID();
        given().header("Authorization", serviceToken).contentType("application/json")
                .body(TRANSACTION.formatted(id, "2025-03-01T10:00:00Z", "12.50", customer, PAN))
                .post(url(PlatformService.INGESTION, "/api/v1/transactions"))
                .then().statusCode(202).body("status", equalTo("ACCEPTED"));

        await().atMost(FLOW).untilAsserted(() -> transaction(id).statusCode(200).body("decision", notNullValue()));
        transaction(id).body("path", equalTo("ASYNC")).body("scorer", equalTo("RULES"))
                .body("modelVersion", equalTo("rules-1")).body("score", notNullValue())
                .body("customerPseudonym", startsWith("cus_")).body("cardBin", equalTo("41111111"))
                .body("cardLast4", equalTo("1111")).body(not(containsString(PAN)), not(containsString(customer)));
        String decision = transaction(id).extract().path("decision");

        await().atMost(FLOW).untilAsserted(() -> audit(id).body("size()", equalTo(1)));
        audit(id).body("[0].details.decision", equalTo(decision)).body("[0].details.scorer", equalTo("RULES"))
                .body("[0].details.path", equalTo("ASYNC")).body("[0].hash", notNullValue())
                .body("[0].mac", notNullValue()).body("[0].action", equalTo("AUTOMATED_DECISION"))
                .body("[0].actor", equalTo("scoring-service")).body("[0].outcome", notNullValue());
    }

    /** First, so that it is the first authorisation after start: it must be scored, not degraded by a cold path. */
    @Test
    @Order(1)
    void authorisationAnswersWithTheDecisionIsFoldedOnceAndNeverScoredAgain() {
        String id = "e2e-sync-" + UUID.randomUUID();
        String customer = "bob-" + UUID.randomUUID();
        String decision = given().header("Authorization", serviceToken).contentType("application/json")
                .body(TRANSACTION.formatted(id, "2025-03-01T11:00:00Z", "40.00", customer, PAN))
                .post(url(PlatformService.INGESTION, "/api/v1/authorizations"))
                .then().statusCode(200).body("duplicate", equalTo(false))
                .body("verdict.scorer", equalTo("RULES")).body("verdict.modelVersion", equalTo("rules-1"))
                .body("verdict.degraded", empty()).body(not(containsString(PAN)))
                .extract().path("verdict.decision");

        transaction(id).statusCode(200).body("path", equalTo("SYNC")).body("decision", equalTo(decision));
        String pseudonym = transaction(id).extract().path("customerPseudonym");

        // The published SYNC event is folded into the customer's state: a vector at a later instant counts it, once.
        String later = """
                {"transactionId":"probe-%s","timestamp":"2025-03-01T12:00:00Z","type":"CARD","amountMinor":100,
                 "currency":"EUR","customer":{"pseudonym":"%s"},"counterparty":{"pseudonym":"cpt_probe0000"}}"""
                .formatted(UUID.randomUUID(), pseudonym);
        await().atMost(FLOW).untilAsserted(() -> vector(later).body("features.customer_txn_count", equalTo(1.0f)));
        // ... and audited as the one decision it is: scoring passed it through, it did not score it again.
        await().atMost(FLOW).untilAsserted(() -> audit(id).body("size()", equalTo(1)));
        audit(id).body("[0].details.path", equalTo("SYNC")).body("[0].details.decision", equalTo(decision));
        vector(later).body("features.customer_txn_count", equalTo(1.0f));
    }

    /** Ready means warm: each service ran its hot path, its peer clients and an HTTP self-call, none failed. */
    @Test
    void everyServiceReportsAWarmUpThatDidNotFail() {
        for (PlatformService service : PlatformService.values()) {
            Map<String, Object> data = given().get(servicePorts.readinessUrl(service)).then().statusCode(200)
                    .extract().path("checks.find { it.name == 'warm-up' }.data");
            assertThat(data).as(service.serviceName()).isNotNull();
            assertThat(data.values()).as(service.serviceName()).allSatisfy(outcome -> assertThat(outcome.toString())
                    .doesNotStartWith("failed").contains(" runs in "));
        }
    }

    @Test
    void scoringRefusesARawCardNumber() {
        String masked = """
                {"transactionId":"e2e-pan-%s","timestamp":"2025-03-01T10:00:00Z","type":"CARD","amountMinor":100,
                 "currency":"EUR","customer":{"pseudonym":"cus_x"},"card":{"token":"%s","bin":"41111111",
                 "last4":"1111"}}""".formatted(UUID.randomUUID(), PAN);
        given().header("Authorization", serviceToken).contentType("application/json").body(masked)
                .post(url(PlatformService.SCORING, "/api/v1/score"))
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body(not(containsString(PAN)));
    }

    @Test
    void malformedTransactionGetsAProblemNamingEachBadFieldAndNothingIsStored() {
        String id = "e2e-bad-" + UUID.randomUUID();
        String bad = TRANSACTION.formatted(id, "2025-03-01T10:00:00Z", "-3", "carol", PAN)
                .replace("\"CARD\"", "\"TELEPORT\"").replace("\"EUR\"", "\"EURO\"");
        for (String path : List.of("/api/v1/transactions", "/api/v1/authorizations")) {
            given().header("Authorization", serviceToken).contentType("application/json").body(bad)
                    .post(url(PlatformService.INGESTION, path))
                    .then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors.field", hasItems("type", "amount", "currency"))
                    .body(not(containsString(PAN)));
        }
        transaction(id).statusCode(404);
    }

    @Test
    void unparseableKafkaRecordIsDeadLetteredWithAReasonAndLaterRecordsFlow() throws Exception {
        String key = "e2e-garbage-" + UUID.randomUUID();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + infraPorts.kafka());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_VALIDATED.name(),
                    key.getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<byte[], byte[]> dead = awaitRecord(Topics.TRANSACTIONS_VALIDATED.dlqName(), key);
        assertThat(header(dead, DeadLetters.REASON)).isNotBlank();
        assertThat(header(dead, DeadLetters.REASON_CODE)).isNotBlank();
        assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo(Topics.TRANSACTIONS_VALIDATED.name());
        given().get(servicePorts.readinessUrl(PlatformService.FEATURE)).then().statusCode(200);

        String id = "e2e-after-garbage-" + UUID.randomUUID();
        given().header("Authorization", serviceToken).contentType("application/json")
                .body(TRANSACTION.formatted(id, "2025-03-02T10:00:00Z", "9.99", "dave-" + UUID.randomUUID(), PAN))
                .post(url(PlatformService.INGESTION, "/api/v1/transactions")).then().statusCode(202);
        await().atMost(FLOW).untilAsserted(() -> transaction(id).statusCode(200).body("decision", notNullValue()));
    }

    @Test
    void retrainingServiceListsModelVersions() {
        given().header("Authorization", analystToken).get(url(PlatformService.RETRAINING, "/api/v1/models"))
                .then().statusCode(200).contentType(containsString("application/json"));
    }

    /**
     * Each packaged service, in the prod profile against the running stores, but without its keys: it exits and names
     * what is missing. Ingestion twice: without any key, and with its masking keys but no token verification key.
     */
    @Test
    void prodProfileRefusesToStartWithoutKeys() throws Exception {
        Map<String, Process> processes = new java.util.LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            processes.put(service.serviceName(), startWithout(service, "MP_JWT_VERIFY", "OPENFRAUD_MASKING"));
        }
        processes.put("ingestion-service-jwt", startWithout(PlatformService.INGESTION, "MP_JWT_VERIFY"));
        try {
            Map<String, String> logs = new HashMap<>();
            for (var entry : processes.entrySet()) {
                Process process = entry.getValue();
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s exits", entry.getKey()).isTrue();
                String log = Files.readString(keylessLog(entry.getKey()));
                assertThat(process.exitValue()).as("%s exit code; log:%n%s", entry.getKey(), log).isNotZero();
                logs.put(entry.getKey(), log);
            }
            // Ingestion's masking keys are a typed, required configuration: Quarkus refuses before anything runs.
            assertThat(logs.get("ingestion-service")).contains("openfraud.masking.pan-key")
                    .contains("openfraud.masking.pseudonym-key");
            for (String name : List.of("ingestion-service-jwt", "feature-service", "scoring-service",
                    "retraining-service", "governance-service")) {
                assertThat(logs.get(name)).as(name).contains("Refusing to start")
                        .contains("mp.jwt.verify.publickey or mp.jwt.verify.publickey.location");
            }
        } finally {
            processes.values().forEach(Process::destroyForcibly);
        }
    }

    /**
     * Every metric that the Helm chart's alerts and dashboards name is exported by a running service (or recorded by
     * the chart, or listed as planned for a later issue and still absent). Last, after the other tests' traffic.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void chartRulesAndDashboardsNameOnlyExportedMetrics() throws IOException {
        Path dump = Files.createDirectories(Path.of("target", "e2e-metrics"));
        Set<String> exported = new java.util.TreeSet<>();
        for (PlatformService service : PlatformService.values()) {
            String exposition = given().get(url(service, "/q/metrics")).then().statusCode(200).extract().asString();
            Files.writeString(dump.resolve(service.serviceName() + ".prom"), exposition);
            exported.addAll(ChartMetrics.exposedNames(exposition));
        }
        Path repository = Path.of(System.getProperty("openfraud.repository", "../..")).toAbsolutePath();
        ChartMetrics chart = ChartMetrics.of(repository.resolve("helm/openfraud"));
        assertThat(chart.referenced()).as("metrics named by the chart").isNotEmpty();
        assertThat(chart.missing(exported)).as("named by the chart, exported by no service (%s)", dump).isEmpty();
        assertThat(chart.planned()).as("planned metrics now exported: move their alerts out of planned.yaml")
                .doesNotContainAnyElementsOf(exported);
        assertThat(chart.referenced().keySet()).as("planned metrics named by no rule").containsAll(chart.planned());
        assertThat(chart.plannedNamedOutsidePlannedRules()).as("planned metrics outside planned.yaml").isEmpty();
    }

    /** {@code service} as {@code fraudctl up} runs it, on a free port, minus the variables with those prefixes. */
    private Process startWithout(PlatformService service, String... prefixes) throws IOException {
        ProcessSpec spec = services.spec(service, keys);
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.keySet().removeIf(name -> Stream.of(prefixes).anyMatch(name::startsWith));
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(Ports.freePort()));
        String name = service.serviceName() + (prefixes.length == 1 ? "-jwt" : "");
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(keylessLog(name).toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private Path keylessLog(String name) {
        return homeDirectory.resolve("keyless-" + name + ".log");
    }

    private ValidatableResponse transaction(String id) {
        return given().header("Authorization", analystToken)
                .get(url(PlatformService.INGESTION, "/api/v1/transactions/" + id)).then();
    }

    private ValidatableResponse audit(String id) {
        return given().header("Authorization", dpoToken)
                .get(url(PlatformService.GOVERNANCE, "/api/v1/audit/transactions/" + id)).then().statusCode(200);
    }

    private ValidatableResponse vector(String maskedTransaction) {
        return given().header("Authorization", serviceToken).contentType("application/json").body(maskedTransaction)
                .post(url(PlatformService.FEATURE, "/api/v1/features/vector")).then().statusCode(200);
    }

    private String url(PlatformService service, String path) {
        return servicePorts.url(service) + path;
    }

    /**
     * Issue #8 end to end: subjects A and B pay on both paths with their own cards; A's access export holds A's data
     * and none of B's; A is erased by card number (resolved through ingestion to A's pseudonym), approval refused
     * until the one-time code from governance's dev outbox is confirmed; then A is gone from PostgreSQL (but for the
     * pseudonymised AML rows the request lists), Redis and governance's MongoDB, absent from the next training export,
     * not rebuilt by a replay of A's event, and B is untouched. Last, a rewritten audit entry is detected.
     */
    @Test
    @Order(50)
    void erasureOfOneSubjectAcrossEveryStoreLeavesTheOtherUntouched() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customerA = "erase-a-" + run;
        String customerB = "keep-b-" + run;
        String panA = "5105105105105100";
        String panB = "4012888888881881";
        String[] idsA = {"e2e-a-async-" + run, "e2e-a-sync-" + run};
        String[] idsB = {"e2e-b-async-" + run, "e2e-b-sync-" + run};
        String emailA = customerA + "@example.org";
        String emailB = customerB + "@example.org";
        String[][] payments = {{idsA[0], customerA, emailA, panA}, {idsB[0], customerB, emailB, panB}};
        for (String[] p : payments) {
            given().header("Authorization", serviceToken).contentType("application/json")
                    .body(WITH_PERSON.formatted(p[0], "2025-04-01T10:00:00Z", "21.00", p[1], p[2], p[3]))
                    .post(url(PlatformService.INGESTION, "/api/v1/transactions")).then().statusCode(202);
        }
        String[][] authorisations = {{idsA[1], customerA, emailA, panA}, {idsB[1], customerB, emailB, panB}};
        for (String[] p : authorisations) {
            given().header("Authorization", serviceToken).contentType("application/json")
                    .body(WITH_PERSON.formatted(p[0], "2025-04-01T10:05:00Z", "33.00", p[1], p[2], p[3]))
                    .post(url(PlatformService.INGESTION, "/api/v1/authorizations")).then().statusCode(200);
        }
        for (String id : List.of(idsA[0], idsA[1], idsB[0], idsB[1])) {
            await().atMost(FLOW).untilAsserted(() -> transaction(id).statusCode(200).body("decision", notNullValue()));
        }
        String pseudonymA = transaction(idsA[0]).extract().path("customerPseudonym");
        String pseudonymB = transaction(idsB[0]).extract().path("customerPseudonym");
        assertThat(pseudonymA).startsWith("cus_").isNotEqualTo(pseudonymB);
        await().atMost(FLOW).untilAsserted(() -> subjectData(PlatformService.FEATURE, pseudonymA)
                .body("records", not(empty())));
        String exportBefore = trainingExport();
        assertThat(exportBefore).contains(idsA[0], idsA[1], idsB[0], idsB[1]);

        // Access: all of A's transactions, nothing of B.
        String access = verifiedRequest("ACCESS", Map.of("customerId", customerA));
        String accessBody = given().header("Authorization", dpoToken).post(dsr(access, "/approve")).then()
                .statusCode(200).body("status", equalTo("COMPLETE")).extract().asString();
        assertThat(accessBody).doesNotContain(panA);
        String export = given().header("Authorization", dpoToken).get(dsr(access, "/export")).then().statusCode(200)
                .extract().asString();
        assertThat(export).contains(idsA[0], idsA[1], pseudonymA, emailA, "ingestion-service", "feature-service")
                .doesNotContain(idsB[0]).doesNotContain(idsB[1]).doesNotContain(pseudonymB).doesNotContain(emailB)
                .doesNotContain(panA);

        // Erasure by card number; approval without verification is refused.
        String erasure = given().header("Authorization", adminToken).contentType("application/json")
                .body(Map.of("type", "ERASURE", "subject", Map.of("cardNumber", panA), "jurisdiction", "EU"))
                .post(url(PlatformService.GOVERNANCE, "/api/v1/dsr")).then().statusCode(201)
                .body("status", equalTo("IDENTITY_UNVERIFIED")).body("subjectPseudonym", equalTo(pseudonymA))
                .body(not(containsString(panA))).extract().path("id");
        given().header("Authorization", dpoToken).post(dsr(erasure, "/approve")).then().statusCode(409);
        verifyByCode(erasure);
        given().header("Authorization", dpoToken).post(dsr(erasure, "/approve")).then().statusCode(200)
                .body("status", equalTo("IN_PROCESSING"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", dpoToken)
                .get(dsr(erasure, "")).then().statusCode(200).body("status", equalTo("COMPLETE")));
        ValidatableResponse done = given().header("Authorization", dpoToken).get(dsr(erasure, "")).then();
        done.body("removed.store", hasItems("postgresql:ingestion.subject_personal_data", "redis:features"))
                .body("retained.service", hasItems("ingestion-service"))
                .body("retained.legalBasis", hasItems(containsString("AML")))
                .body("retained.deleteAfter", everyItem(notNullValue()));

        // PostgreSQL: only the pseudonymised AML rows; Redis: nothing; MongoDB: governance's copy gone.
        String ingestionAfter = subjectData(PlatformService.INGESTION, pseudonymA).extract().asString();
        assertThat(ingestionAfter).doesNotContain("postgresql:ingestion.subject_personal_data")
                .doesNotContain(emailA).doesNotContain("Byron");
        subjectData(PlatformService.FEATURE, pseudonymA).body("records", empty());
        given().header("Authorization", dpoToken).get(dsr(access, "/export")).then().statusCode(404);
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + infraPorts.mongo())) {
            MongoDatabase governance = mongo.getDatabase("governance");
            assertThat(governance.getCollection("dsr_exports").countDocuments(Filters.eq("requestId", access)))
                    .isZero();
        }
        // Next training set: without A, with B.
        String exportAfter = trainingExport();
        assertThat(exportAfter).doesNotContain(idsA[0]).doesNotContain(idsA[1]).doesNotContain(pseudonymA)
                .contains(idsB[0], idsB[1]);

        // A replay of A's event (a new event id, as a rewound or re-published topic would carry) rebuilds nothing.
        ConsumerRecord<byte[], byte[]> validated = awaitRecord(Topics.TRANSACTIONS_VALIDATED_NAME, pseudonymA);
        String replayed = new String(validated.value(), StandardCharsets.UTF_8)
                .replaceFirst("\"eventId\"\\s*:\\s*\"[^\"]+\"", "\"eventId\":\"" + UUID.randomUUID() + "\"");
        assertThat(replayed).as("the replay carries a new event id").isNotEqualTo(new String(validated.value(),
                StandardCharsets.UTF_8));
        RecordMetadata sent;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            sent = producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_VALIDATED_NAME, validated.key(),
                    replayed.getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        // Look only once feature-service has consumed (and committed past) the replayed record.
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + infraPorts.kafka()))) {
            await().atMost(FLOW).until(() -> {
                var committed = admin.listConsumerGroupOffsets("feature-service").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
        subjectData(PlatformService.FEATURE, pseudonymA).body("records", empty());

        // B untouched everywhere.
        subjectData(PlatformService.FEATURE, pseudonymB).body("records", not(empty()));
        assertThat(subjectData(PlatformService.INGESTION, pseudonymB).extract().asString())
                .contains("postgresql:ingestion.subject_personal_data", emailB, idsB[0], idsB[1]);

        // A rewritten audit entry (plain hash recomputed, MAC unknown to the writer) is detected.
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + infraPorts.mongo())) {
            MongoCollection<Document> events = mongo.getDatabase("governance").getCollection("audit_events");
            given().header("Authorization", dpoToken).get(url(PlatformService.GOVERNANCE, "/api/v1/audit/verify"))
                    .then().statusCode(200).body("valid", equalTo(true));
            Document entry = events.find(Filters.eq("resource", "dsr/" + erasure)).first();
            Document original = new Document(entry);
            Document edited = new Document(entry);
            Object id = edited.remove("_id");
            edited.remove("hash");
            String mac = (String) edited.remove("mac");
            edited.put("outcome", "DENIED");
            edited.put("hash", sha256(edited.toJson()));
            edited.put("mac", mac);
            events.replaceOne(Filters.eq("_id", id), edited);
            try {
                given().header("Authorization", dpoToken).get(url(PlatformService.GOVERNANCE, "/api/v1/audit/verify"))
                        .then().statusCode(200).body("valid", equalTo(false))
                        .body("brokenAt", equalTo(((Number) entry.get("sequence")).intValue()));
            } finally {
                events.replaceOne(Filters.eq("_id", id), original);
            }
        }
    }

    private String verifiedRequest(String type, Map<String, Object> subject) throws Exception {
        String id = given().header("Authorization", adminToken).contentType("application/json")
                .body(Map.of("type", type, "subject", subject, "jurisdiction", "EU"))
                .post(url(PlatformService.GOVERNANCE, "/api/v1/dsr")).then().statusCode(201).extract().path("id");
        verifyByCode(id);
        return id;
    }

    /** The one-time code goes to governance's dev outbox (never to a response or a log): read it there. */
    private void verifyByCode(String requestId) {
        given().header("Authorization", adminToken).post(dsr(requestId, "/identity/code")).then().statusCode(202)
                .body(not(containsString("code\":\"")));
        String code;
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + infraPorts.mongo())) {
            Document delivered = mongo.getDatabase("governance").getCollection("identity_outbox")
                    .find(Filters.eq("requestId", requestId)).first();
            assertThat(delivered).as("one-time code of %s in the dev outbox", requestId).isNotNull();
            code = delivered.getString("code");
        }
        given().header("Authorization", adminToken).contentType("application/json").body(Map.of("code", code))
                .post(dsr(requestId, "/identity/code/confirm")).then().statusCode(200)
                .body("status", equalTo("PENDING"));
    }

    private String dsr(String id, String path) {
        return url(PlatformService.GOVERNANCE, "/api/v1/dsr/" + id + path);
    }

    private ValidatableResponse subjectData(PlatformService service, String pseudonym) {
        return given().header("Authorization", serviceToken)
                .get(url(service, "/internal/v1/subjects/" + pseudonym)).then().statusCode(200);
    }

    /** What the trainer would read next: ingestion's export over the test's event times. */
    private String trainingExport() {
        return given().header("Authorization", serviceToken).queryParam("from", "2025-01-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get(url(PlatformService.INGESTION, "/api/v1/exports/transactions")).then().statusCode(200)
                .extract().asString();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + infraPorts.kafka());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private ConsumerRecord<byte[], byte[]> awaitRecord(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + infraPorts.kafka());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(FLOW);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " on " + topic + " within " + FLOW);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** VmRSS of a Linux process, in MB (-1 elsewhere). */
    static long residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
