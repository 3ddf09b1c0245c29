package io.openfraud.ingestion.subject;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.ingestion.subject.service.RetentionPurge;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The personal-data vault and the subject-data interface against a real PostgreSQL and Kafka: the person is stored
 * only encrypted, found by e-mail through the blind index, reported decrypted to governance, and crypto-shredded on
 * erasure while the transactions stay for the AML retention.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class SubjectDataTest {

    static final String V2 = """
            {"schemaVersion":2,"transactionId":"%s","timestamp":"%s","type":"CARD","amount":12.50,"currency":"EUR",
             "channel":"POS",
             "customer":{"id":"%s","person":{"firstName":"Augusta","lastName":"Lovelace","gender":"F",
               "dateOfBirth":"1990-12-10","email":"%s","job":"Engineer",
               "address":{"street":"1 Example Street","city":"Paris","postalCode":"75001","country":"FR",
                          "cityPopulation":2100000},
               "location":{"lat":48.85,"lon":2.35}}},
             "counterparty":{"id":"merchant-7","name":"Grocer","category":"grocery_pos",
                             "location":{"lat":48.86,"lon":2.34}},
             "card":{"pan":"4111111111111111","cvv":"123","expiry":"12/29"}}""";
    private static final List<String> PLAINTEXT = List.of("Augusta", "Lovelace", "1990-12-10", "Example Street",
            "Engineer", "75001", "example.org");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RetentionPurge purge;

    @Test
    void thePersonIsStoredOnlyEncryptedFoundByEmailAndReportedDecryptedToGovernance() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String email = "augusta." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org";
        String first = submit(customer, email.toUpperCase(), "2024-03-01T10:00:00Z");
        String second = submit(customer, email, "2024-03-02T10:00:00Z");
        String pseudonym = pseudonymOf(first);

        String vaultText = tableText("subject_personal_data", pseudonym) + tableText("subject_keys", pseudonym);
        assertThat(vaultText).isNotBlank();
        for (String plain : PLAINTEXT) {
            assertThat(vaultText).as("no plaintext %s in the vault", plain).doesNotContain(plain);
        }
        assertThat(vaultText).doesNotContain(email).doesNotContain(customer);
        assertThat(tableText("transactions", pseudonym)).doesNotContain("Augusta").doesNotContain("Lovelace")
                .doesNotContain("1990-12-10").doesNotContain(email);
        assertThat(single("SELECT version FROM subject_personal_data WHERE subject_pseudonym = ?", pseudonym))
                .as("one row per subject, the latest person wins").isEqualTo("2");

        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("email", "  " + email.toUpperCase() + " ")).post("/internal/v1/subjects/search")
                .then().statusCode(200).body("subjectPseudonyms", org.hamcrest.Matchers.contains(pseudonym));

        byte[] body = given().header("Authorization", Tokens.bearer("service"))
                .get("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asByteArray();
        assertThat(SchemaValidator.shared().validate("subject-data-report-v1.schema.json", body)).isEmpty();
        JsonPath report = JsonPath.from(new String(body, StandardCharsets.UTF_8));
        assertThat(report.getString("service")).isEqualTo("ingestion-service");
        assertThat(report.getList("records.store")).contains("postgresql:ingestion.subject_personal_data",
                "postgresql:ingestion.transactions");
        Map<String, Object> person = personOf(report);
        assertThat(person).containsEntry("firstName", "Augusta").containsEntry("lastName", "Lovelace")
                .containsEntry("dateOfBirth", "1990-12-10").containsEntry("email", email);
        assertThat(transactionIdsOf(report)).containsExactly(first, second);

        given().header("Authorization", Tokens.bearer("analyst")).get("/internal/v1/subjects/" + pseudonym)
                .then().statusCode(403).contentType(containsString("application/problem+json"));
        given().header("Authorization", Tokens.bearer("service")).get("/internal/v1/subjects/not a pseudonym")
                .then().statusCode(400).contentType(containsString("application/problem+json"));
    }

    @Test
    void everyIdTheIntakeAcceptsCanBeReportedAndCardLikeIdsAreRefusedAtIntake() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String email = "ids." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org";
        // dash-grouped digits (16 of them) and a UUID: accepted by the transactionId rule, so reportable
        String grouped = "tx-2024-0501-1234-" + (1000 + new java.util.Random().nextInt(9000));
        String uuid = UUID.randomUUID().toString();
        for (String id : List.of(grouped, uuid)) {
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(V2.formatted(id, "2025-02-01T10:00:00Z", customer, email)).post("/api/v1/transactions")
                    .then().statusCode(202);
        }
        byte[] body = given().header("Authorization", Tokens.bearer("service"))
                .get("/internal/v1/subjects/" + pseudonymOf(grouped)).then().statusCode(200).extract().asByteArray();
        assertThat(SchemaValidator.shared().validate("subject-data-report-v1.schema.json", body)).isEmpty();
        assertThat(transactionIdsOf(JsonPath.from(new String(body, StandardCharsets.UTF_8))))
                .contains(grouped, uuid);

        // 13+ consecutive digits anywhere could be a card number: refused at intake, naming the field, not the value
        for (String cardLike : List.of("ref4111111111111111", "tx-20240501123456789")) {
            given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                    .body(V2.formatted(cardLike, "2025-02-01T10:00:00Z", customer, email))
                    .post("/api/v1/transactions").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body(containsString("transactionId")).body(org.hamcrest.Matchers.not(containsString(cardLike)));
        }
    }

    @Test
    void erasureShredsThePersonAndKeepsTheTransactionsForTheAmlRetention() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String email = "erase." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org";
        String eventTime = "2024-05-01T12:15:30Z";
        String id = submit(customer, email, eventTime);
        String pseudonym = pseudonymOf(id);
        assertThat(single("SELECT count(*) FROM subject_keys WHERE subject_pseudonym = ? AND wrapped_key IS NOT NULL",
                pseudonym)).isEqualTo("1");

        byte[] erasure = given().header("Authorization", Tokens.bearer("service"))
                .delete("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asByteArray();
        assertThat(SchemaValidator.shared().validate("erasure-report-v1.schema.json", erasure)).isEmpty();
        JsonPath report = JsonPath.from(new String(erasure, StandardCharsets.UTF_8));
        assertThat(effect(report, "postgresql:ingestion.subject_keys", "records")).isEqualTo(1);
        assertThat(effect(report, "postgresql:ingestion.subject_personal_data", "records")).isEqualTo(1);
        Map<String, Object> retained = effectOf(report, "postgresql:ingestion.transactions", "RETAINED");
        assertThat(retained).containsEntry("records", 1).containsEntry("deleteAfter", "2029-05-01")
                .containsEntry("legalBasis", "AML Directive (EU) 2015/849 Art. 40: 5 years");

        // crypto-shredded: ciphertext and key are gone, nothing can decrypt what a backup still holds
        assertThat(single("SELECT count(*) FROM subject_personal_data WHERE subject_pseudonym = ?", pseudonym))
                .isEqualTo("0");
        assertThat(single("SELECT count(*) FROM subject_keys WHERE subject_pseudonym = ? AND wrapped_key IS NULL "
                + "AND destroyed_at IS NOT NULL", pseudonym)).isEqualTo("1");
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("email", email)).post("/internal/v1/subjects/search")
                .then().statusCode(200).body("subjectPseudonyms", org.hamcrest.Matchers.empty());
        JsonPath after = JsonPath.from(given().header("Authorization", Tokens.bearer("service"))
                .get("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asString());
        assertThat(after.getList("records.store")).doesNotContain("postgresql:ingestion.subject_personal_data")
                .contains("postgresql:ingestion.transactions");
        assertThat(after.prettify()).doesNotContain("Augusta").doesNotContain(email);

        // the transaction stays, pseudonymised, until five years after its event time; without derived context
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT legal_basis, delete_after, context::text FROM transactions WHERE transaction_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("AML Directive (EU) 2015/849 Art. 40: 5 years");
                assertThat(row.getObject(2, OffsetDateTime.class).toInstant())
                        .isEqualTo(OffsetDateTime.parse(eventTime).plusYears(5).toInstant());
                assertThat(row.getString(3)).doesNotContain("customerAgeYears").doesNotContain("distanceKm")
                        .doesNotContain("cityPopulation").contains("grocery_pos");
            }
        }

        JsonPath repeat = JsonPath.from(given().header("Authorization", Tokens.bearer("service"))
                .delete("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asString());
        assertThat(repeat.getList("effects.store")).isEqualTo(report.getList("effects.store"));
        assertThat(repeat.getList("effects.records", Integer.class)).allMatch(records -> records == 0);
        assertThat(effectOf(repeat, "postgresql:ingestion.transactions", "RETAINED"))
                .containsEntry("deleteAfter", "2029-05-01");
    }

    @Test
    void everyRowGetsADeleteAfterAndThePurgeDeletesExpiredRowsWithWhatWasDerivedFromThem() throws Exception {
        String expiredCustomer = "cust-" + UUID.randomUUID();
        String expired = submit(expiredCustomer, "purge." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org",
                "2025-01-02T03:04:05Z");
        String expiredPseudonym = pseudonymOf(expired);
        String kept = submit("cust-" + UUID.randomUUID(), "kept." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org",
                "2025-01-02T03:04:05Z");
        String keptPseudonym = pseudonymOf(kept);
        assertThat(single("SELECT to_char(delete_after AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') "
                + "FROM transactions WHERE transaction_id = ?", kept))
                .as("every row is stamped when written: event time + 5 years").isEqualTo("2030-01-02 03:04:05");
        assertThat(single("SELECT legal_basis FROM transactions WHERE transaction_id = ?", kept)).isNull();
        // what was derived from the expiring transaction (a review, a quarantined copy) and an expired quarantine row
        // (outbox leftovers are not staged here: the running relay would publish them first)
        execute("INSERT INTO transaction_reviews (event_id, transaction_id, case_id, original_decision, final_decision, "
                + "outcome, reviewer, reviewed_at) VALUES (gen_random_uuid(), ?, 'case-1', 'REVIEW', 'DECLINE', "
                + "'FRAUD', 'rev_12345678', now())", expired);
        execute("INSERT INTO quarantine (received_at, channel, transaction_id, rule_set_version, rule_ids, violations, "
                + "masked_record) VALUES (now(), 'API', ?, 'v1', ARRAY['DQ-X'], '[]', '{}')", expired);
        execute("INSERT INTO quarantine (received_at, channel, transaction_id, rule_set_version, rule_ids, violations, "
                + "masked_record) VALUES (now() - interval '91 days', 'API', ?, 'v1', ARRAY['DQ-X'], '[]', '{}')",
                "old-quarantined-" + UUID.randomUUID());
        execute("UPDATE transactions SET delete_after = now() - interval '1 day' WHERE transaction_id = ?", expired);

        // another replica purging: this one skips the round and deletes nothing
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, 0x4f46_5245_5441_494eL);
            lock.execute();
            assertThat(purge.purgeExpired()).as("skipped while another instance holds the lock").isEmpty();
            assertThat(single("SELECT count(*) FROM transactions WHERE transaction_id = ?", expired)).isEqualTo("1");
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, 0x4f46_5245_5441_494eL);
                unlock.execute();
            }
        }

        Map<String, Long> purged = purge.purgeExpired().orElseThrow();

        assertThat(purged.get("transactions")).isGreaterThanOrEqualTo(1);
        assertThat(purged.get("subject_keys")).isGreaterThanOrEqualTo(1);
        assertThat(purged.get("quarantine")).isGreaterThanOrEqualTo(2);
        assertThat(single("SELECT count(*) FROM transactions WHERE transaction_id = ?", expired)).isEqualTo("0");
        assertThat(single("SELECT count(*) FROM transaction_reviews WHERE transaction_id = ?", expired)).isEqualTo("0");
        assertThat(single("SELECT count(*) FROM quarantine WHERE transaction_id = ?", expired)).isEqualTo("0");
        assertThat(single("SELECT count(*) FROM subject_personal_data WHERE subject_pseudonym = ?", expiredPseudonym))
                .as("no transaction left: the personal data goes too").isEqualTo("0");
        assertThat(single("SELECT count(*) FROM subject_keys WHERE subject_pseudonym = ?", expiredPseudonym))
                .isEqualTo("0");
        assertThat(single("SELECT count(*) FROM transactions WHERE transaction_id = ?", kept)).isEqualTo("1");
        assertThat(single("SELECT count(*) FROM subject_personal_data WHERE subject_pseudonym = ?", keptPseudonym))
                .isEqualTo("1");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("openfraud_retention_purged_total\\{[^}]*store=\"transactions\"[^}]*} [1-9]");
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target/ingestion-service-test.log")))
                .contains("retention purge: deleted {transactions=").doesNotContain(expiredPseudonym);
    }

    @Test
    void aCardTokenResolvesToTheCustomersWhoPaidWithItAndACardNumberIsRefused() throws Exception {
        String sharedPan = luhnCompleted("52" + (100000000000L + (long) (Math.random() * 800000000000L)));
        String holder = "cust-" + UUID.randomUUID();
        String partner = "cust-" + UUID.randomUUID();
        String other = "cust-" + UUID.randomUUID();
        String first = submit(holder, "h." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org", "2025-03-01T10:00:00Z", sharedPan);
        String second = submit(partner, "p." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org", "2025-03-02T10:00:00Z", sharedPan);
        submit(other, "o." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org", "2025-03-03T10:00:00Z", "4111111111111111");
        String token = single("SELECT card_token FROM transactions WHERE transaction_id = ?", first);
        assertThat(token).startsWith("tok_");

        List<String> expected = new ArrayList<>(List.of(pseudonymOf(first), pseudonymOf(second)));
        expected.sort(null);
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("cardToken", token)).post("/internal/v1/subjects/search")
                .then().statusCode(200).body("subjectPseudonyms", org.hamcrest.Matchers.contains(expected.toArray()));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("cardToken", "tok_" + "A".repeat(32))).post("/internal/v1/subjects/search")
                .then().statusCode(200).body("subjectPseudonyms", org.hamcrest.Matchers.empty());
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("cardToken", sharedPan)).post("/internal/v1/subjects/search")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body(org.hamcrest.Matchers.not(containsString(sharedPan)));
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("cardToken", token, "email", "a@example.org")).post("/internal/v1/subjects/search")
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body(Map.of("cardToken", token)).post("/internal/v1/subjects/search")
                .then().statusCode(403);
    }

    private static String luhnCompleted(String body) {
        int sum = 0;
        for (int i = body.length() - 1, position = 0; i >= 0; i--, position++) {
            int digit = body.charAt(i) - '0';
            if (position % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return body + ((10 - sum % 10) % 10);
    }

    /** Posts a v2 transaction with a person; returns its id. */
    static String submit(String customer, String email, String timestamp) {
        return submit(customer, email, timestamp, "4111111111111111");
    }

    /** Posts a v2 transaction with a person, paid with the card {@code pan}; returns its id. */
    static String submit(String customer, String email, String timestamp, String pan) {
        String id = "tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(V2.formatted(id, timestamp, customer, email).replace("4111111111111111", pan))
                .post("/api/v1/transactions").then().statusCode(202);
        return id;
    }

    static String pseudonymOf(String transactionId) {
        return given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + transactionId)
                .then().statusCode(200).extract().path("customerPseudonym");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> personOf(JsonPath report) {
        List<Map<String, Object>> records = report.getList("records");
        return records.stream().filter(r -> "postgresql:ingestion.subject_personal_data".equals(r.get("store")))
                .map(r -> ((List<Map<String, Object>>) r.get("data")).get(0)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> transactionIdsOf(JsonPath report) {
        List<Map<String, Object>> records = report.getList("records");
        List<Object> ids = new ArrayList<>();
        records.stream().filter(r -> String.valueOf(r.get("category")).startsWith("transaction (masked)"))
                .forEach(r -> ((List<Map<String, Object>>) r.get("data")).forEach(t -> ids.add(t.get("transactionId"))));
        return ids;
    }

    private static Object effect(JsonPath report, String store, String member) {
        List<Map<String, Object>> effects = report.getList("effects");
        return effects.stream().filter(e -> store.equals(e.get("store"))).findFirst().orElseThrow().get(member);
    }

    private static Map<String, Object> effectOf(JsonPath report, String store, String effect) {
        List<Map<String, Object>> effects = report.getList("effects");
        return effects.stream().filter(e -> store.equals(e.get("store")) && effect.equals(e.get("effect")))
                .findFirst().orElseThrow();
    }

    /** Every column of the subject's rows in {@code table}, as text (bytea as hex, so plaintext would show). */
    private String tableText(String table, String pseudonym) throws SQLException {
        String column = table.equals("transactions") ? "customer_pseudonym" : "subject_pseudonym";
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT t::text FROM " + table + " t WHERE " + column + " = ?")) {
            select.setString(1, pseudonym);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    all.append(rows.getString(1)).append('\n');
                }
            }
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + table + " WHERE " + column + " = ?")) {
            select.setString(1, pseudonym);
            try (ResultSet rows = select.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        Object value = rows.getObject(c);
                        all.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                                : String.valueOf(value)).append('|');
                    }
                }
            }
        }
        return all.toString();
    }

    private String single(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, parameter);
            update.executeUpdate();
        }
    }
}
