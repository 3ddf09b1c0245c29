package io.openfraud.formats.paysim;

import static io.openfraud.formats.Rows.malformed;
import static io.openfraud.formats.Rows.onlyParsed;
import static io.openfraud.formats.Rows.onlyReason;
import static io.openfraud.formats.Rows.parsed;
import static io.openfraud.formats.Rows.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PaySimDecoderTest {

    static final String HEADER = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
            + "newbalanceDest,isFraud,isFlaggedFraud";
    static final String ROW = "3,TRANSFER,250.50,C0000000001,1000.00,749.50,C0000000002,10.0,260.5,1,0";

    @Test
    void mapsARowToTheCanonicalTransaction() {
        ParsedRow.Parsed row = onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n" + ROW + "\n"));

        Transaction transaction = row.transaction();
        assertThat(row.rowNumber()).isEqualTo(1);
        assertThat(row.label()).contains(LabelValue.FRAUD);
        assertThat(transaction.transactionId()).matches("ps-[0-9a-f]{24}");
        assertThat(transaction.timestamp()).isEqualTo(Instant.parse("2025-01-01T02:00:00Z"));
        assertThat(transaction.type()).isEqualTo(TransactionType.TRANSFER);
        assertThat(transaction.amount()).isEqualTo(new BigDecimal("250.50"));
        assertThat(transaction.currency()).isEqualTo("USD");
        assertThat(transaction.customer()).isEqualTo(new Transaction.Customer("C0000000001"));
        assertThat(transaction.account())
                .isEqualTo(new Transaction.Account(new BigDecimal("1000.00"), new BigDecimal("749.50")));
        assertThat(transaction.counterparty()).isEqualTo(
                new Transaction.Counterparty("C0000000002", new BigDecimal("10.0"), new BigDecimal("260.5")));
        assertThat(transaction.card()).isNull();
    }

    @Test
    void stepsAreHoursFromTheConfiguredStartInTheConfiguredCurrency() {
        FormatOptions options = FormatOptions.defaults()
                .withPaySimStart(Instant.parse("2024-03-01T06:00:00Z"))
                .withPaySimCurrency("EUR");
        String text = HEADER + "\n"
                + "1,PAYMENT,1.0,C1,0,0,M1,0,0,0,0\n"
                + "25,PAYMENT,1.0,C1,0,0,M1,0,0,0,0\n";

        List<ParsedRow.Parsed> rows = parsed(read(FileFormat.PAYSIM, text, options));

        assertThat(rows).extracting(row -> row.transaction().timestamp())
                .containsExactly(Instant.parse("2024-03-01T06:00:00Z"), Instant.parse("2024-03-02T06:00:00Z"));
        assertThat(rows).extracting(row -> row.transaction().currency()).containsOnly("EUR");
    }

    @Test
    void mapsEveryPaySimType() {
        String text = HEADER + "\n"
                + Stream.of("PAYMENT", "TRANSFER", "CASH_OUT", "cash_in", "DEBIT")
                .map(type -> "1," + type + ",1.0,C1,0,0,M1,0,0,0,0")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();

        assertThat(parsed(read(FileFormat.PAYSIM, text))).extracting(row -> row.transaction().type())
                .containsExactly(TransactionType.PAYMENT, TransactionType.TRANSFER, TransactionType.CASH_OUT,
                        TransactionType.CASH_IN, TransactionType.DEBIT);
    }

    @Test
    void findsColumnsByNameInAnyOrderIgnoringExtraColumnsAndAMissingIsFlaggedFraud() {
        String cifer = "nameDest,isFraud,amount,source,type,step,nameOrig,newbalanceOrig,oldbalanceOrg,"
                + "newbalanceDest,oldbalanceDest\n"
                + "C0000000002,1,250.50,sim-7,TRANSFER,3,C0000000001,749.50,1000.00,260.5,10.0\n";

        Transaction reordered = onlyParsed(read(FileFormat.PAYSIM, cifer)).transaction();

        assertThat(reordered).isEqualTo(onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n" + ROW)).transaction());
    }

    @Test
    void rowsHaveNoLabelWhenIsFraudIsAbsentOrEmpty() {
        String withoutColumn = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
                + "newbalanceDest\n3,TRANSFER,250.50,C0000000001,1000.00,749.50,C0000000002,10.0,260.5\n";
        String emptyValue = HEADER + "\n3,TRANSFER,250.50,C0000000001,1000.00,749.50,C0000000002,10.0,260.5,,0\n";

        assertThat(onlyParsed(read(FileFormat.PAYSIM, withoutColumn)).label()).isEmpty();
        assertThat(onlyParsed(read(FileFormat.PAYSIM, emptyValue)).label()).isEmpty();
    }

    @Test
    void isFraudZeroIsLegit() {
        assertThat(onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n1,PAYMENT,1.0,C1,0,0,M1,0,0,0,1")).label())
                .contains(LabelValue.LEGIT);
    }

    @Test
    void emptyBalancesAreLeftOut() {
        Transaction transaction = onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n1,PAYMENT,9.99,C1,,,M1,,5,0,0"))
                .transaction();

        assertThat(transaction.account()).isNull();
        assertThat(transaction.counterparty()).isEqualTo(new Transaction.Counterparty("M1", null, BigDecimal.valueOf(5)));
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of("x,PAYMENT,1.0,C1,0,0,M1,0,0,0,0", "step: not an integer"),
                Arguments.of("1.5,PAYMENT,1.0,C1,0,0,M1,0,0,0,0", "step: not an integer"),
                Arguments.of("0,PAYMENT,1.0,C1,0,0,M1,0,0,0,0", "step: must be 1 or more"),
                Arguments.of(",PAYMENT,1.0,C1,0,0,M1,0,0,0,0", "step: empty"),
                Arguments.of("1,WIRE,1.0,C1,0,0,M1,0,0,0,0", "type: not a PaySim transaction type"),
                Arguments.of("1,CARD,1.0,C1,0,0,M1,0,0,0,0", "type: not a PaySim transaction type"),
                Arguments.of("1,PAYMENT,abc,C1,0,0,M1,0,0,0,0", "amount: not a number"),
                Arguments.of("1,PAYMENT,1e999999999,C1,0,0,M1,0,0,0,0", "amount: too many digits"),
                Arguments.of("1,PAYMENT,1.0, ,0,0,M1,0,0,0,0", "nameOrig: empty"),
                Arguments.of("1,PAYMENT,1.0,C1,zero,0,M1,0,0,0,0", "oldbalanceOrg: not a number"),
                Arguments.of("1,PAYMENT,1.0,C1,0,0,,0,0,0,0", "nameDest: empty"),
                Arguments.of("1,PAYMENT,1.0,C1,0,0,M1,0,NaN,0,0", "newbalanceDest: not a number"),
                Arguments.of("1,PAYMENT,1.0,C1,0,0,M1,0,0,yes,0", "isFraud: not 0 or 1"),
                Arguments.of("1,PAYMENT,1.0,C1,0,0,M1,0,0,0", "row: 10 fields, header has 11"),
                Arguments.of("1,PAYMENT,1.0,C1,0,0,M1,0,0,0,0,0", "row: 12 fields, header has 11"),
                Arguments.of("1,PAYMENT,\"1.0,C1,0,0,M1,0,0,0,0", "row: invalid CSV quoting"));
    }

    @ParameterizedTest
    @MethodSource("badRows")
    void aBadRowIsMalformedWithItsReasonAndReadingGoesOn(String badRow, String reason) {
        String good = "1,PAYMENT,1.0,C1,0,0,M1,0,0,0,0";

        List<ParsedRow> rows = read(FileFormat.PAYSIM, String.join("\n", HEADER, good, badRow, good));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Parsed.class);
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Malformed(2, reason));
        assertThat(rows.get(2)).isInstanceOf(ParsedRow.Parsed.class);
    }

    @Test
    void aHeaderWithoutANeededColumnMakesEveryRowMalformed() {
        String header = HEADER.replace("amount", "amt");

        List<ParsedRow> rows = read(FileFormat.PAYSIM, header + "\n" + ROW + "\n" + ROW + "\n");

        assertThat(rows).containsExactly(
                new ParsedRow.Malformed(1, "header: missing column amount"),
                new ParsedRow.Malformed(2, "header: missing column amount"));
    }

    @Test
    void aHeaderWithANeededColumnTwiceMakesEveryRowMalformed() {
        assertThat(onlyReason(read(FileFormat.PAYSIM, HEADER + ",AMOUNT\n" + ROW + ",1")))
                .isEqualTo("header: duplicate column amount");
    }

    @Test
    void idsFollowTheDocumentedRule() throws Exception {
        String id = onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n" + ROW)).transaction().transactionId();

        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String value : List.of("paysim-row-id/v1", "1", "3", "TRANSFER", "250.5", "C0000000001", "1000",
                "749.5", "C0000000002", "10", "260.5")) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        String expected = "ps-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 24);
        assertThat(id).isEqualTo(expected);
        // Pinned: changing the rule would give every re-imported PaySim row a second id.
        assertThat(id).isEqualTo("ps-79ae70662fb3437642bcff67");
    }

    @Test
    void idsShowNoCustomerIdAndDoNotDependOnFormattingColumnOrderOrLabels() {
        String reformatted = "isFlaggedFraud,isFraud,step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,"
                + "nameDest,oldbalanceDest,newbalanceDest,extra\n"
                + "1,0,3,transfer,250.5000,C0000000001,1000,749.5,C0000000002,10.00,260.50,anything\n";

        String id = onlyParsed(read(FileFormat.PAYSIM, HEADER + "\n" + ROW)).transaction().transactionId();

        assertThat(onlyParsed(read(FileFormat.PAYSIM, reformatted)).transaction().transactionId()).isEqualTo(id);
        assertThat(id).doesNotContain("C0000000001").doesNotContain("0000000001");
    }

    @Test
    void identicalRowsGetDifferentIdsAndBlankLinesDoNotShiftThem() {
        List<ParsedRow.Parsed> rows = parsed(read(FileFormat.PAYSIM, HEADER + "\n" + ROW + "\n" + ROW));
        List<ParsedRow.Parsed> spaced = parsed(read(FileFormat.PAYSIM, HEADER + "\n\n" + ROW + "\n \n\n" + ROW));

        assertThat(rows).extracting(row -> row.transaction().transactionId()).doesNotHaveDuplicates()
                .containsExactlyElementsOf(spaced.stream().map(row -> row.transaction().transactionId()).toList());
    }

    @Test
    void badRowsDoNotChangeTheIdsOfTheRowsAround() {
        List<ParsedRow> clean = read(FileFormat.PAYSIM, String.join("\n", HEADER, ROW, ROW, ROW));
        List<ParsedRow> withBadRow = read(FileFormat.PAYSIM, String.join("\n", HEADER, ROW, "junk", ROW));

        assertThat(malformed(withBadRow)).hasSize(1);
        assertThat(((ParsedRow.Parsed) withBadRow.get(2)).transaction().transactionId())
                .isEqualTo(((ParsedRow.Parsed) clean.get(2)).transaction().transactionId());
        assertThat(((ParsedRow.Parsed) withBadRow.get(0)).label()).isEqualTo(Optional.of(LabelValue.FRAUD));
    }
}
