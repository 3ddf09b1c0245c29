package io.openfraud.formats.ndjson;

import static io.openfraud.formats.Rows.onlyParsed;
import static io.openfraud.formats.Rows.onlyReason;
import static io.openfraud.formats.Rows.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.ParsedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NdjsonDecoderTest {

    static final String MINIMAL = "{\"transactionId\":\"t-1\",\"timestamp\":\"2025-02-03T04:05:06.789Z\","
            + "\"type\":\"PAYMENT\",\"amount\":12.50,\"currency\":\"EUR\",\"customer\":{\"id\":\"c-1\"}";

    static String line(String extra) {
        return MINIMAL + extra + "}";
    }

    @Test
    void mapsACanonicalTransaction() {
        String json = line(",\"counterparty\":{\"id\":\"m-1\",\"balanceBefore\":1,\"balanceAfter\":13.5},"
                + "\"account\":{\"balanceBefore\":100.00,\"balanceAfter\":87.50},"
                + "\"card\":{\"pan\":\"4000123412341234\",\"cvv\":\"123\",\"expiry\":\"12/30\"},"
                + "\"somethingNew\":{\"ignored\":true}");

        ParsedRow.Parsed row = onlyParsed(read(FileFormat.NDJSON, json));

        assertThat(row.label()).isEmpty();
        assertThat(row.transaction()).isEqualTo(new Transaction(
                "t-1",
                Instant.parse("2025-02-03T04:05:06.789Z"),
                TransactionType.PAYMENT,
                new BigDecimal("12.50"),
                "EUR",
                new Transaction.Customer("c-1"),
                new Transaction.Counterparty("m-1", BigDecimal.ONE, new BigDecimal("13.5")),
                new Transaction.Account(new BigDecimal("100.00"), new BigDecimal("87.50")),
                new Transaction.Card("4000123412341234", "123", "12/30")));
    }

    static Stream<Arguments> labels() {
        return Stream.of(
                Arguments.of(",\"label\":\"FRAUD\"", Optional.of(LabelValue.FRAUD)),
                Arguments.of(",\"label\":\"legit\"", Optional.of(LabelValue.LEGIT)),
                Arguments.of(",\"label\":null", Optional.empty()),
                Arguments.of(",\"isFraud\":1", Optional.of(LabelValue.FRAUD)),
                Arguments.of(",\"isFraud\":0", Optional.of(LabelValue.LEGIT)),
                Arguments.of(",\"isFraud\":true", Optional.of(LabelValue.FRAUD)),
                Arguments.of(",\"isFraud\":false", Optional.of(LabelValue.LEGIT)),
                Arguments.of(",\"label\":\"FRAUD\",\"isFraud\":1", Optional.of(LabelValue.FRAUD)),
                Arguments.of("", Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("labels")
    void readsTheOptionalLabelBesideTheTransaction(String labelFields, Optional<LabelValue> label) {
        ParsedRow.Parsed row = onlyParsed(read(FileFormat.NDJSON, line(labelFields)));

        assertThat(row.label()).isEqualTo(label);
        assertThat(row.transaction()).isEqualTo(onlyParsed(read(FileFormat.NDJSON, line(""))).transaction());
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("{\"transactionId\":", "line: not valid JSON"),
                Arguments.of("transactionId=t-1", "line: not valid JSON"),
                Arguments.of(line("") + " {}", "line: not valid JSON"),
                Arguments.of("[" + line("") + "]", "line: not a JSON object"),
                Arguments.of("\"t-1\"", "line: not a JSON object"),
                Arguments.of("null", "line: not a JSON object"),
                Arguments.of(line(",\"label\":\"MAYBE\""), "label: not FRAUD or LEGIT"),
                Arguments.of(line(",\"label\":1"), "label: not FRAUD or LEGIT"),
                Arguments.of(line(",\"isFraud\":2"), "isFraud: not 0 or 1"),
                Arguments.of(line(",\"isFraud\":\"1\""), "isFraud: not 0 or 1"),
                Arguments.of(line(",\"label\":\"LEGIT\",\"isFraud\":1"), "label: contradicts isFraud"),
                Arguments.of(MINIMAL.replace("12.50", "\"twelve\"") + "}", "amount: wrong type or format"),
                Arguments.of(MINIMAL.replace("PAYMENT", "WIRE") + "}", "type: wrong type or format"),
                Arguments.of(MINIMAL.replace("2025-02-03T04:05:06.789Z", "yesterday") + "}",
                        "timestamp: wrong type or format"),
                Arguments.of(MINIMAL.replace("{\"id\":\"c-1\"}", "[\"c-1\"]") + "}", "customer: wrong type or format"),
                Arguments.of(line(",\"account\":{\"balanceBefore\":{}}"),
                        "account.balanceBefore: wrong type or format"),
                Arguments.of(MINIMAL.replace("\"transactionId\":\"t-1\",", "") + "}", "transactionId: missing"),
                Arguments.of(MINIMAL.replace(",\"customer\":{\"id\":\"c-1\"}", "") + "}", "customer: missing"),
                Arguments.of(MINIMAL.replace("{\"id\":\"c-1\"}", "{}") + "}", "customer.id: missing"),
                Arguments.of(MINIMAL.replace("12.50", "1e999999999") + "}", "amount: too many digits"),
                Arguments.of(line(",\"counterparty\":{\"id\":\"m\",\"balanceAfter\":0.0000000000000000001}"),
                        "counterparty.balanceAfter: too many digits"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void aBadLineIsMalformedWithAShortReasonAndReadingGoesOn(String badLine, String reason) {
        List<ParsedRow> rows = read(FileFormat.NDJSON, String.join("\n", line(""), badLine, line("")));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Malformed(2, reason));
        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Parsed.class);
        assertThat(rows.get(2)).isInstanceOf(ParsedRow.Parsed.class);
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() {
        List<ParsedRow> rows = read(FileFormat.NDJSON, "\n" + line("") + "\n\n  \t\n" + line("") + "\n\n");

        assertThat(rows).extracting(ParsedRow::rowNumber).containsExactly(1L, 2L);
    }

    @Test
    void fieldsOutsideTheSchemaNeverAppearInAReason() {
        String nested = line(",\"customer\":{\"id\":{\"4000123412341234\":1}}");

        assertThat(onlyReason(read(FileFormat.NDJSON, nested))).isEqualTo("customer.id: wrong type or format");
    }
}
