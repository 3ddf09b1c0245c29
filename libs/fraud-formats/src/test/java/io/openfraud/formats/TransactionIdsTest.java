package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.formats.synthetic.SyntheticTransactions.Labelled;
import io.openfraud.formats.synthetic.SyntheticTransactions.Options;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every transaction id the generator and the readers derive is one the intake accepts and a subject-data report can
 * show: it satisfies {@code transactionId} (the intake contract, which subject-data reports apply to their
 * {@code transactionId} members) and {@code identifier} (every other event), read from the contract's own
 * {@code common.schema.json}, and the whole transaction validates against its schema.
 */
class TransactionIdsTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final JsonNode DEFS = commonDefs();
    private static final Pattern TRANSACTION_ID = Pattern.compile(DEFS.at("/transactionId/pattern").asText());
    private static final Pattern IDENTIFIER = Pattern.compile(DEFS.at("/identifier/pattern").asText());
    /** No run of 13 consecutive digits: what {@link TransactionIds} guarantees. */
    private static final Pattern NO_LONG_RUN = Pattern.compile("^(?![\\s\\S]*[0-9]{13})[\\s\\S]*$");

    @Property(tries = 40)
    void everyGeneratedIdIsAcceptedAtIntakeAndReportable(@ForAll long seed) throws Exception {
        for (Labelled row : SyntheticTransactions.generate(Options.defaults(seed), 25)) {
            String id = row.transaction().transactionId();
            assertThat(TRANSACTION_ID.matcher(id).matches()).as("transactionId rule: %s", id).isTrue();
            assertThat(IDENTIFIER.matcher(id).matches()).as("identifier rule (other events): %s", id).isTrue();
            assertThat(SchemaValidator.shared().validateTransaction(JSON.writeValueAsBytes(row.transaction())))
                    .as("transaction %s against its schema", id).isEmpty();
        }
    }

    @Property(tries = 200)
    void splittingLeavesNoCardLikeRunAndOnlyAddsUnderscores(@ForAll("ids") String id) {
        String safe = TransactionIds.withoutCardLikeRuns(id);
        assertThat(NO_LONG_RUN.matcher(safe).matches()).as(safe).isTrue();
        assertThat(safe.replace("_", "")).isEqualTo(id.replace("_", ""));
        if (NO_LONG_RUN.matcher(id).matches()) {
            assertThat(safe).as("an id without such a run is unchanged").isEqualTo(id);
        }
    }

    @Test
    void splitsTheRunsTheContractRefuses() {
        assertThat(TransactionIds.withoutCardLikeRuns("ps-ab4111111111111111cd")).isEqualTo("ps-ab411111111111_1111cd");
        assertThat(TransactionIds.withoutCardLikeRuns("tx-2024-0501-1234-5678")).isEqualTo("tx-2024-0501-1234-5678");
        assertThat(TransactionIds.withoutCardLikeRuns("syn-4111111111111111-000000001"))
                .isEqualTo("syn-411111111111_1111-000000001");
        assertThat(TRANSACTION_ID.matcher("tx-2024-0501-1234-5678").matches()).isTrue();
        assertThat(TRANSACTION_ID.matcher("ps-ab4111111111111111cd").matches()).isFalse();
        assertThat(TRANSACTION_ID.matcher("4111-1111-1111-1111").matches()).isFalse();
        assertThat(TRANSACTION_ID.matcher(java.util.UUID.randomUUID().toString()).matches()).isTrue();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("0123456789-a_").ofMinLength(1).ofMaxLength(60);
    }

    private static JsonNode commonDefs() {
        try (InputStream in = SchemaValidator.class.getClassLoader()
                .getResourceAsStream(SchemaValidator.RESOURCE_FOLDER + "common.schema.json")) {
            return JSON.readTree(in).get("$defs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
