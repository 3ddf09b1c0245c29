package io.openfraud.ingestion.subject;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.ingestion.vault.VaultCrypto;
import io.openfraud.ingestion.vault.VaultRewrap;
import io.openfraud.masking.Pseudonymizer;
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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Key rotation end to end. The test resource configures k1 / m1 in force and k0 / m0 as retired: data is written the
 * way it was before the rotation (pseudonym under k0, data key wrapped under m0, e-mail indexed under m0), then the
 * same customer comes back under k1. Both subjects are found by customer id and by e-mail, both are readable and
 * erasable, and the re-wrap job moves the old data key to m1 without losing the data.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class KeyRotationTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    VaultRewrap rewrap;

    @Test
    void subjectsWrittenUnderRetiredKeysAreFoundReadRewrappedAndErased() throws Exception {
        String customer = "rot-" + UUID.randomUUID();
        String email = "rot." + UUID.randomUUID().toString().replaceAll("[0-9]", "x") /* no 13-digit run: the card-number guard */ + "@example.org";
        VaultCrypto m0 = new VaultCrypto(key("openfraud.vault.retired-master-keys.m0"));
        VaultCrypto m1 = new VaultCrypto(key("openfraud.vault.master-key"));
        String old = new Pseudonymizer(key("openfraud.masking.retired-keys.k0.pseudonym-key")).customer(customer);
        byte[] oldWrapped = writeAsBeforeTheRotation(old, m0, email);

        // the same customer after the rotation: a new pseudonym under k1, a data key wrapped under m1
        String id = SubjectDataTest.submit(customer, email, "2025-06-01T10:00:00Z");
        String current = SubjectDataTest.pseudonymOf(id);
        assertThat(current).isNotEqualTo(old);
        assertThat(single("SELECT key_id FROM transactions WHERE transaction_id = ?", id)).isEqualTo("k1");
        assertThat(single("SELECT master_key_id FROM subject_keys WHERE subject_pseudonym = ?", current))
                .isEqualTo("m1");

        assertThat(search(Map.of("customerId", customer))).as("the pseudonym under every key")
                .containsExactlyInAnyOrder(old, current);
        assertThat(search(Map.of("email", email.toUpperCase()))).as("the blind index under every master key")
                .containsExactlyInAnyOrder(old, current);
        assertThat(firstNameOf(old)).as("unwrapped with the retired master key").isEqualTo("Ada");

        assertThat(rewrap.rewrapAll()).isGreaterThanOrEqualTo(1);
        assertThat(single("SELECT master_key_id FROM subject_keys WHERE subject_pseudonym = ?", old)).isEqualTo("m1");
        assertThat(bytes("SELECT wrapped_key FROM subject_keys WHERE subject_pseudonym = ?", old))
                .isNotEqualTo(oldWrapped);
        assertThat(single("SELECT email_index FROM subject_personal_data WHERE subject_pseudonym = ?", old))
                .as("re-indexed under the master key in force").isEqualTo(m1.emailIndex(email));
        assertThat(firstNameOf(old)).as("readable after the re-wrap").isEqualTo("Ada");
        assertThat(search(Map.of("email", email))).containsExactlyInAnyOrder(old, current);
        assertThat(rewrap.rewrapAll()).as("nothing left under m0").isZero();

        for (String pseudonym : List.of(old, current)) {
            JsonPath erasure = JsonPath.from(given().header("Authorization", Tokens.bearer("service"))
                    .delete("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asString());
            List<Map<String, Object>> effects = erasure.getList("effects");
            assertThat(effects).filteredOn(e -> "postgresql:ingestion.subject_keys".equals(e.get("store")))
                    .singleElement().satisfies(e -> assertThat(e.get("records")).isEqualTo(1));
        }
        assertThat(search(Map.of("email", email))).isEmpty();
        assertThat(search(Map.of("customerId", customer))).as("transactions kept for AML still name both")
                .containsExactlyInAnyOrder(old, current);
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(Map.of("email", email, "customerId", customer)).post("/internal/v1/subjects/search")
                .then().statusCode(400);
    }

    /** A transaction under k0 and the person in the vault under m0, as the service wrote them before the rotation. */
    private byte[] writeAsBeforeTheRotation(String pseudonym, VaultCrypto m0, String email) throws Exception {
        byte[] dataKey = m0.newDataKey();
        String keyId = "dk_" + UUID.randomUUID();
        byte[] wrapped = m0.wrap(dataKey, pseudonym, keyId);
        VaultCrypto.Sealed person = m0.seal(dataKey, ("{\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"email\":\""
                + email + "\"}").getBytes(StandardCharsets.UTF_8), pseudonym);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO transactions (transaction_id, event_time, type, amount_minor, currency,
                        customer_pseudonym, counterparty_pseudonym, path, source_kind, schema_version, key_id,
                        delete_after)
                    VALUES (?, ?, 'CARD', 1250, 'EUR', ?, 'cpt_rotationtest0000000', 'ASYNC', 'API', 2, 'k0', ?)""")) {
                insert.setString(1, "tx-rot-" + UUID.randomUUID());
                insert.setTimestamp(2, Timestamp.from(Instant.parse("2025-01-01T10:00:00Z")));
                insert.setString(3, pseudonym);
                insert.setTimestamp(4, Timestamp.from(Instant.parse("2030-01-01T10:00:00Z")));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO subject_keys (subject_pseudonym, key_id, wrapped_key, master_key_id) "
                            + "VALUES (?, ?, ?, 'm0')")) {
                insert.setString(1, pseudonym);
                insert.setString(2, keyId);
                insert.setBytes(3, wrapped);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO subject_personal_data "
                    + "(subject_pseudonym, source_time, ciphertext, nonce, email_index, key_id) "
                    + "VALUES (?, now(), ?, ?, ?, ?)")) {
                insert.setString(1, pseudonym);
                insert.setBytes(2, person.ciphertext());
                insert.setBytes(3, person.nonce());
                insert.setString(4, m0.emailIndex(email));
                insert.setString(5, keyId);
                insert.executeUpdate();
            }
        }
        return wrapped;
    }

    private static List<String> search(Map<String, String> query) {
        return given().header("Authorization", Tokens.bearer("service")).contentType("application/json").body(query)
                .post("/internal/v1/subjects/search").then().statusCode(200).extract()
                .jsonPath().getList("subjectPseudonyms", String.class);
    }

    @SuppressWarnings("unchecked")
    private static String firstNameOf(String pseudonym) {
        JsonPath report = JsonPath.from(given().header("Authorization", Tokens.bearer("service"))
                .get("/internal/v1/subjects/" + pseudonym).then().statusCode(200).extract().asString());
        List<Map<String, Object>> records = report.getList("records");
        return records.stream().filter(r -> "postgresql:ingestion.subject_personal_data".equals(r.get("store")))
                .map(r -> ((List<Map<String, Object>>) r.get("data")).get(0).get("firstName").toString())
                .findFirst().orElse(null);
    }

    private static byte[] key(String property) {
        return Base64.getDecoder().decode(ConfigProvider.getConfig().getValue(property, String.class));
    }

    private String single(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private byte[] bytes(String sql, String parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }
}
