package io.openfraud.formats.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NdjsonPropertiesTest {

    static final ObjectMapper JSON = EventJson.newMapper();

    /** A generated line: a transaction, its label, and how the label is written. */
    record Line(Transaction transaction, Optional<LabelValue> label, boolean asIsFraud) {

        String json() {
            // Written as text, not through a JSON tree: trees strip trailing zeros (90 becomes 9E+1).
            String json;
            try {
                json = JSON.writeValueAsString(transaction);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (label.isEmpty()) {
                return json;
            }
            String field = asIsFraud
                    ? "\"isFraud\":" + (label.get() == LabelValue.FRAUD ? 1 : 0)
                    : "\"label\":\"" + label.get() + "\"";
            return json.substring(0, json.length() - 1) + "," + field + "}";
        }
    }

    @Property
    void transactionsParseBackToThemselves(@ForAll("lines") List<Line> lines, @ForAll boolean crlf) {
        String file = String.join(crlf ? "\r\n" : "\n", lines.stream().map(Line::json).toList());

        List<ParsedRow> rows = Rows.read(FileFormat.NDJSON, file);

        assertThat(rows).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(rows.get(i)).isEqualTo(
                    new ParsedRow.Parsed(i + 1L, lines.get(i).transaction(), lines.get(i).label()));
        }
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        return Combinators.combine(transactions(), Arbitraries.of(LabelValue.values()).optional(),
                        Arbitraries.of(true, false))
                .as(Line::new)
                .list().ofMaxSize(20);
    }

    private static Arbitrary<Transaction> transactions() {
        // Any text: JSON escapes quotes, backslashes and line breaks, so a line stays one line.
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(24);
        Arbitrary<BigDecimal> amount = Arbitraries.integers().between(0, 4).flatMap(scale ->
                Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("1000000000"))
                        .ofScale(scale));
        Arbitrary<BigDecimal> balance = amount.injectNull(0.3);
        Arbitrary<Transaction.Counterparty> counterparty = Combinators.combine(text, balance, balance)
                .as(Transaction.Counterparty::new).injectNull(0.2);
        Arbitrary<Transaction.Account> account = Combinators.combine(balance, balance)
                .as(Transaction.Account::new).injectNull(0.3);
        Arbitrary<Transaction.Card> card = Combinators.combine(
                        Arbitraries.strings().numeric().ofMinLength(12).ofMaxLength(19),
                        Arbitraries.strings().numeric().ofLength(3).injectNull(0.5),
                        Arbitraries.strings().numeric().ofLength(2).map(month -> month + "/30").injectNull(0.5))
                .as(Transaction.Card::new).injectNull(0.5);
        Arbitrary<Instant> timestamp = Arbitraries.longs().between(0, 4_102_444_800L).flatMap(seconds ->
                Arbitraries.integers().between(0, 999_999_999).map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
        Arbitrary<Transaction> head = Combinators.combine(text, timestamp, Arbitraries.of(TransactionType.values()),
                        amount, Arbitraries.strings().withCharRange('A', 'Z').ofLength(3), text)
                .as((id, time, type, value, currency, customer) -> new Transaction(id, time, type, value, currency,
                        new Transaction.Customer(customer), null, null, null));
        return Combinators.combine(head, counterparty, account, card)
                .as((t, party, balances, cardData) -> new Transaction(t.transactionId(), t.timestamp(), t.type(),
                        t.amount(), t.currency(), t.customer(), party, balances, cardData));
    }
}
