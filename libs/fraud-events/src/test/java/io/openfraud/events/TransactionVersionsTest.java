package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.transaction.Transaction;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Version 1 bodies stay accepted; version 2 adds the file fields; the body's schemaVersion selects the schema. */
class TransactionVersionsTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String V1 = """
            {"transactionId":"t-1","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.5,"currency":"EUR",
             "customer":{"id":"c-1"},"counterparty":{"id":"m-1"}}""";
    private static final String V2 = """
            {"schemaVersion":2,"transactionId":"t-2","timestamp":"2025-01-01T10:00:00Z","type":"CARD","amount":12.5,
             "currency":"EUR","channel":"ONLINE","device":{"id":"dev-1","ip":"192.0.2.10"},
             "customer":{"id":"c-1","person":{"firstName":"Ada","lastName":"Lovelace","gender":"F",
               "dateOfBirth":"1990-12-10","email":"ada@example.org","job":"Engineer",
               "address":{"street":"1 Rue X","city":"Paris","country":"FR","cityPopulation":2100000},
               "location":{"lat":48.85,"lon":2.35}}},
             "counterparty":{"id":"m-1","name":"Grocer","category":"grocery_pos","location":{"lat":48.9,"lon":2.3}}}""";

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aVersion1BodyIsValidatedAsVersion1AndStillAccepted() throws Exception {
        assertThat(SchemaValidator.transactionSchema(tree(V1))).contains(SchemaValidator.TRANSACTION_V1);
        assertThat(SchemaValidator.shared().validateTransaction(tree(V1))).isEmpty();
    }

    @Test
    void aVersion2BodyKeepsEveryFileFieldAndRoundTrips() throws Exception {
        assertThat(SchemaValidator.shared().validateTransaction(tree(V2))).isEmpty();
        Transaction t = JSON.treeToValue(tree(V2), Transaction.class);

        assertThat(t.channel()).isEqualTo(Transaction.Channel.ONLINE);
        assertThat(t.device().ip()).isEqualTo("192.0.2.10");
        assertThat(t.customer().person().dateOfBirth()).isEqualTo(LocalDate.of(1990, 12, 10));
        assertThat(t.customer().person().address().cityPopulation()).isEqualTo(2_100_000L);
        assertThat(t.counterparty().category()).isEqualTo("grocery_pos");
        assertThat(t.counterparty().location().lat()).isEqualTo(48.9);
        JsonNode written = JSON.valueToTree(t);
        assertThat(written.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(SchemaValidator.shared().validateTransaction(written)).isEmpty();
        assertThat(JSON.treeToValue(written, Transaction.class)).isEqualTo(t);
        assertThat(t.toString()).doesNotContain("Ada", "Lovelace", "ada@example.org", "192.0.2.10", "1990");
    }

    @Test
    void version2FieldsInAVersion1BodyAreIgnoredNotForwarded() throws Exception {
        String v1WithExtras = V2.replace("\"schemaVersion\":2,", "");
        assertThat(SchemaValidator.shared().validateTransaction(tree(v1WithExtras))).isEmpty();
        Transaction read = JSON.treeToValue(tree(v1WithExtras), Transaction.class).asVersion1();

        assertThat(read.channel()).isNull();
        assertThat(read.device()).isNull();
        assertThat(read.customer().person()).isNull();
        assertThat(read.counterparty().category()).isNull();
        assertThat(read.counterparty().id()).isEqualTo("m-1");
    }

    @Test
    void version2ValidatesItsNewFields() throws Exception {
        String bad = V2.replace("\"ip\":\"192.0.2.10\"", "\"ip\":\"not-an-ip\"")
                .replace("\"lat\":48.85", "\"lat\":123").replace("\"ONLINE\"", "\"TELEPATHY\"")
                .replace("\"dateOfBirth\":\"1990-12-10\"", "\"dateOfBirth\":\"10/12/1990\"");
        assertThat(SchemaValidator.shared().validateTransaction(tree(bad))).extracting(SchemaViolation::path)
                .contains("/device/ip", "/customer/person/location/lat", "/channel", "/customer/person/dateOfBirth");
    }

    @Test
    void anUnknownVersionIsOneViolationAtSchemaVersion() throws Exception {
        assertThat(SchemaValidator.shared().validateTransaction(tree(V2.replace("\"schemaVersion\":2",
                "\"schemaVersion\":3")))).extracting(SchemaViolation::path).containsExactly("/schemaVersion");
    }
}
