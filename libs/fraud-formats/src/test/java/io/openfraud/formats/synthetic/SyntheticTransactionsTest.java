package io.openfraud.formats.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.formats.synthetic.SyntheticTransactions.Labelled;
import io.openfraud.formats.synthetic.SyntheticTransactions.Options;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;

class SyntheticTransactionsTest {

    private static final ObjectMapper MAPPER = EventJson.newMapper();

    @Test
    void theSameSeedGivesTheSameTransactionsAndAnotherSeedOthers() {
        List<Labelled> a = SyntheticTransactions.generate(Options.defaults(42), 500);
        assertThat(SyntheticTransactions.generate(Options.defaults(42), 500)).isEqualTo(a);
        assertThat(SyntheticTransactions.generate(Options.defaults(43), 500)).isNotEqualTo(a);
    }

    @Test
    void fraudsAppearNearTheConfiguredRateInBothPatterns() {
        List<Labelled> rows = SyntheticTransactions.generate(Options.defaults(7), 20_000);
        long frauds = rows.stream().filter(r -> r.label() == LabelValue.FRAUD).count();
        assertThat(frauds / 20_000.0).isBetween(0.01, 0.04);
        assertThat(rows).anySatisfy(r -> assertThat(r.label()).isEqualTo(LabelValue.FRAUD))
                .filteredOn(r -> r.label() == LabelValue.FRAUD)
                .extracting(r -> r.transaction().type().name())
                .contains("TRANSFER", "CASH_OUT", "CARD");
    }

    @Property(tries = 20)

    void everyTransactionHonoursTheCanonicalSchemaAndTimeMovesForward(@ForAll long seed) {
        List<Labelled> rows = SyntheticTransactions.generate(Options.defaults(seed), 300);
        Instant previous = Instant.MIN;
        var ids = new HashSet<String>();
        for (Labelled row : rows) {
            Transaction t = row.transaction();
            assertThat(SchemaValidator.shared().validateTransaction(MAPPER.valueToTree(t))).isEmpty();
            assertThat(t.timestamp()).isAfterOrEqualTo(previous);
            assertThat(ids.add(t.transactionId())).isTrue();
            previous = t.timestamp();
            if (t.card() != null) {
                assertThat(luhn(t.card().pan())).as("Luhn-valid PAN").isTrue();
            }
        }
    }

    @Test
    void generatedCardNumbersAreLuhnValid() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            String pan = SyntheticTransactions.luhnPan(random);
            assertThat(pan).hasSize(16).startsWith("4");
            assertThat(luhn(pan)).isTrue();
        }
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
