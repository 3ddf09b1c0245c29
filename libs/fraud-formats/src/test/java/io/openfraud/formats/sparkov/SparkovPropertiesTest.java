package io.openfraud.formats.sparkov;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.time.api.DateTimes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

class SparkovPropertiesTest {

    /** The required columns, and free-text columns that are dropped ({@code unix_time}) or kept as text. */
    static final List<String> COLUMNS = List.of("trans_date_trans_time", "cc_num", "merchant", "amt", "job",
            "trans_num", "unix_time", "is_fraud");
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A generated Sparkov row; {@code text} fills every column the reader drops. */
    record Row(LocalDateTime time, String pan, String merchant, BigDecimal amt, String transNum, String text,
               Optional<LabelValue> label) {

        List<String> values() {
            List<String> values = new ArrayList<>();
            for (String column : COLUMNS) {
                values.add(switch (column) {
                    case "trans_date_trans_time" -> time.format(TIMESTAMP);
                    case "cc_num" -> pan;
                    case "merchant" -> merchant;
                    case "amt" -> amt.toPlainString();
                    case "trans_num" -> transNum;
                    case "is_fraud" -> label.map(value -> value == LabelValue.FRAUD ? "1" : "0").orElse("");
                    default -> text;
                });
            }
            return values;
        }
    }

    @Property
    void rowsWithCommasAndQuotesParseBackToTheSameValues(@ForAll("rows") List<Row> rows,
                                                         @ForAll("indexColumns") String indexColumn) {
        StringBuilder file = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(file, CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>(COLUMNS);
            if (indexColumn != null) {
                header.add(0, indexColumn);
            }
            printer.printRecord(header);
            for (int i = 0; i < rows.size(); i++) {
                List<String> values = rows.get(i).values();
                if (indexColumn != null) {
                    values.add(0, Integer.toString(i));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<ParsedRow> parsed = Rows.read(FileFormat.SPARKOV, file.toString());

        assertThat(parsed).hasSize(rows.size()).allMatch(ParsedRow.Parsed.class::isInstance);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ParsedRow.Parsed result = (ParsedRow.Parsed) parsed.get(i);
            assertThat(result.label()).isEqualTo(row.label());
            assertThat(result.transaction()).isEqualTo(new Transaction(
                    row.transNum(),
                    row.time().toInstant(ZoneOffset.UTC),
                    TransactionType.CARD,
                    row.amt(),
                    "USD",
                    new Transaction.Customer(row.pan(), row.text().isEmpty() ? null
                            : new Transaction.Person(null, null, null, null, null, row.text(), null, null)),
                    new Transaction.Counterparty(row.merchant(), null, null, row.merchant(), null, null),
                    null,
                    new Transaction.Card(row.pan(), null, null),
                    null,
                    null));
        }
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        // Text with commas, quotes and any other character but line breaks, trimmed like the reader trims.
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().all().excludeChars('\r', '\n').ofMaxLength(20),
                        Arbitraries.strings().withChars(",\" abc'").ofMaxLength(20))
                .map(String::strip)
                .filter(value -> !value.isEmpty());
        Arbitrary<Row> row = Combinators.combine(
                DateTimes.dateTimes().between(LocalDateTime.of(2019, 1, 1, 0, 0), LocalDateTime.of(2021, 1, 1, 0, 0))
                        .map(time -> time.withNano(0)),
                Arbitraries.strings().numeric().ofMinLength(11).ofMaxLength(19),
                text,
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("30000")).ofScale(2),
                text,
                text,
                Arbitraries.of(LabelValue.values()).optional())
                .as(Row::new);
        return row.list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<String> indexColumns() {
        return Arbitraries.of("Unnamed: 0", "").injectNull(0.3);
    }
}
