package io.openfraud.formats.paysim;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

class PaySimPropertiesTest {

    static final List<String> COLUMNS = List.of("step", "type", "amount", "nameOrig", "oldbalanceOrg",
            "newbalanceOrig", "nameDest", "oldbalanceDest", "newbalanceDest", "isFraud", "isFlaggedFraud");

    /** A generated PaySim row; balances may be null (an empty cell). */
    record Row(int step, TransactionType type, BigDecimal amount, String nameOrig, BigDecimal oldBalanceOrig,
               BigDecimal newBalanceOrig, String nameDest, BigDecimal oldBalanceDest, BigDecimal newBalanceDest,
               Optional<LabelValue> label) {

        String value(String column) {
            return switch (column) {
                case "step" -> Integer.toString(step);
                case "type" -> type.name();
                case "amount" -> amount.toPlainString();
                case "nameOrig" -> nameOrig;
                case "oldbalanceOrg" -> plain(oldBalanceOrig);
                case "newbalanceOrig" -> plain(newBalanceOrig);
                case "nameDest" -> nameDest;
                case "oldbalanceDest" -> plain(oldBalanceDest);
                case "newbalanceDest" -> plain(newBalanceDest);
                case "isFraud" -> label.map(value -> value == LabelValue.FRAUD ? "1" : "0").orElse("");
                default -> "0";
            };
        }

        private static String plain(BigDecimal number) {
            return number == null ? "" : number.toPlainString();
        }
    }

    @Property
    void generatedRowsParseBackToTheSameValues(@ForAll("rows") List<Row> rows,
                                               @ForAll("columnOrders") List<String> columns) {
        List<ParsedRow> parsed = Rows.read(FileFormat.PAYSIM, render(rows, columns, Row::value));

        assertThat(parsed).hasSize(rows.size()).allMatch(ParsedRow.Parsed.class::isInstance);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ParsedRow.Parsed result = (ParsedRow.Parsed) parsed.get(i);
            Transaction transaction = result.transaction();
            assertThat(result.rowNumber()).isEqualTo(i + 1L);
            assertThat(result.label()).isEqualTo(row.label());
            assertThat(transaction.timestamp())
                    .isEqualTo(FormatOptions.DEFAULT_PAYSIM_START.plusSeconds(3600L * (row.step() - 1)));
            assertThat(transaction.type()).isEqualTo(row.type());
            assertThat(transaction.amount()).isEqualTo(row.amount());
            assertThat(transaction.customer().id()).isEqualTo(row.nameOrig());
            assertThat(transaction.counterparty()).isEqualTo(
                    new Transaction.Counterparty(row.nameDest(), row.oldBalanceDest(), row.newBalanceDest()));
            if (row.oldBalanceOrig() == null && row.newBalanceOrig() == null) {
                assertThat(transaction.account()).isNull();
            } else {
                assertThat(transaction.account())
                        .isEqualTo(new Transaction.Account(row.oldBalanceOrig(), row.newBalanceOrig()));
            }
        }
    }

    @Property
    void idsAreTheSameOnEveryReadAndUniqueWithinAFile(@ForAll("rowsWithDuplicates") List<Row> rows) {
        String file = render(rows, COLUMNS, Row::value);

        List<String> first = ids(Rows.read(FileFormat.PAYSIM, file));
        List<String> second = ids(Rows.read(FileFormat.PAYSIM, file));

        assertThat(first).hasSize(rows.size()).doesNotHaveDuplicates().isEqualTo(second)
                .allMatch(id -> id.replace("_", "").matches("ps-[0-9a-f]{24}") && !id.matches(".*[0-9]{13}.*"));
    }

    @Property
    void idsDoNotDependOnNumberFormatsColumnOrderOrLabels(@ForAll("rows") List<Row> rows,
                                                          @ForAll("columnOrders") List<String> columns) {
        // Trailing zeros, another column order and flipped labels: the same transactions, so the same ids.
        Function<Row, Function<String, String>> reformatted = row -> column -> switch (column) {
            case "amount" -> row.amount().setScale(row.amount().scale() + 2).toPlainString();
            case "newbalanceDest" -> row.newBalanceDest() == null ? ""
                    : row.newBalanceDest().setScale(row.newBalanceDest().scale() + 1).toPlainString();
            case "isFraud" -> row.label().isPresent() && row.label().get() == LabelValue.FRAUD ? "0" : "1";
            default -> row.value(column);
        };

        List<String> canonical = ids(Rows.read(FileFormat.PAYSIM, render(rows, COLUMNS, Row::value)));
        List<String> other = ids(Rows.read(FileFormat.PAYSIM,
                render(rows, columns, (row, column) -> reformatted.apply(row).apply(column))));

        assertThat(other).isEqualTo(canonical);
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        return row().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Row>> rowsWithDuplicates() {
        return row().list().ofMaxSize(30).injectDuplicates(0.3);
    }

    @Provide
    Arbitrary<List<String>> columnOrders() {
        return Arbitraries.shuffle(COLUMNS);
    }

    private static Arbitrary<Row> row() {
        Arbitrary<BigDecimal> balance = Arbitraries.integers().between(0, 2).flatMap(scale ->
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000000")).ofScale(scale))
                .injectNull(0.1);
        // Any printable ASCII, including commas and quotes, which the CSV printer then quotes.
        Arbitrary<String> name = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
        Arbitrary<Row> head = Combinators.combine(
                Arbitraries.integers().between(1, 9000),
                Arbitraries.of(TransactionType.PAYMENT, TransactionType.TRANSFER, TransactionType.CASH_OUT,
                        TransactionType.CASH_IN, TransactionType.DEBIT),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("10000000")).ofScale(2),
                name,
                name,
                Arbitraries.of(LabelValue.values()).optional())
                .as((step, type, amount, nameOrig, nameDest, label) ->
                        new Row(step, type, amount, nameOrig, null, null, nameDest, null, null, label));
        return Combinators.combine(head, balance, balance, balance, balance)
                .as((row, oldOrig, newOrig, oldDest, newDest) -> new Row(row.step(), row.type(), row.amount(),
                        row.nameOrig(), oldOrig, newOrig, row.nameDest(), oldDest, newDest, row.label()));
    }

    interface Cell {
        String value(Row row, String column);
    }

    private static String render(List<Row> rows, List<String> columns, Cell cell) {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
            printer.printRecord(columns);
            for (Row row : rows) {
                List<String> values = new ArrayList<>();
                for (String column : columns) {
                    values.add(cell.value(row, column));
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static List<String> ids(List<ParsedRow> rows) {
        return Rows.parsed(rows).stream().map(row -> row.transaction().transactionId()).toList();
    }
}
