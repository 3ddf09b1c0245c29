package io.openfraud.formats.sparkov;

import static io.openfraud.formats.Rows.onlyParsed;
import static io.openfraud.formats.Rows.onlyReason;
import static io.openfraud.formats.Rows.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.EventJson;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SparkovDecoderTest {

    static final String COLUMNS = "trans_date_trans_time,cc_num,merchant,category,amt,first,last,gender,street,city,"
            + "state,zip,lat,long,city_pop,job,dob,trans_num,unix_time,merch_lat,merch_long,is_fraud";
    static final String HEADER = "Unnamed: 0," + COLUMNS;
    static final String PAN = "4000123412341234";
    /** Synthetic: every personal value is made up, and the quoted ones hold commas and quotes. */
    static final String VALUES = "2020-06-21 12:14:25," + PAN + ",\"fraud_Acme, \"\"Best\"\" Goods\",grocery_pos,"
            + "12.50,Testy,Tester,F,\"1 Example Street, Apt 2\",Sampletown,ZZ,54321,10.1234,-20.5678,1234,"
            + "\"Tester, software\",1990-01-02,t0000000000000000000000000000001,1000000001,10.5,-20.5,0";
    static final String ROW = "0," + VALUES;

    @Test
    void mapsARowToTheCanonicalTransaction() {
        ParsedRow.Parsed row = onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + ROW + "\n"));

        assertThat(row.rowNumber()).isEqualTo(1);
        assertThat(row.label()).contains(LabelValue.LEGIT);
        assertThat(row.transaction()).isEqualTo(new Transaction(
                "t000000000000_000000000000_0000001",
                Instant.parse("2020-06-21T12:14:25Z"),
                TransactionType.CARD,
                new BigDecimal("12.50"),
                "USD",
                new Transaction.Customer(PAN, new Transaction.Person("Testy", "Tester", "F",
                        java.time.LocalDate.of(1990, 1, 2), null, "Tester, software",
                        new Transaction.Address("1 Example Street, Apt 2", "Sampletown", "ZZ", "54321", "US", 1234L),
                        new Transaction.GeoPoint(10.1234, -20.5678))),
                new Transaction.Counterparty("fraud_Acme, \"Best\" Goods", null, null, "fraud_Acme, \"Best\" Goods",
                        "grocery_pos", new Transaction.GeoPoint(10.5, -20.5)),
                null,
                new Transaction.Card(PAN, null, null),
                Transaction.Channel.POS,
                null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Unnamed: 0,", ",", ""})
    void acceptsANamedAnUnnamedOrNoIndexColumn(String indexColumn) {
        String row = indexColumn.isEmpty() ? VALUES : "17," + VALUES;

        Transaction transaction = onlyParsed(read(FileFormat.SPARKOV, indexColumn + COLUMNS + "\n" + row))
                .transaction();

        assertThat(transaction).isEqualTo(onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + ROW)).transaction());
    }

    @Test
    void readsTimesInTheConfiguredZoneAndAmountsInTheConfiguredCurrency() {
        FormatOptions options = FormatOptions.defaults()
                .withSparkovZone(ZoneId.of("America/New_York"))
                .withSparkovCurrency("CAD");

        Transaction transaction = onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + ROW, options)).transaction();

        assertThat(transaction.timestamp()).isEqualTo(Instant.parse("2020-06-21T16:14:25Z"));
        assertThat(transaction.currency()).isEqualTo("CAD");
    }

    @Test
    void isFraudOneIsFraudAndAnAbsentColumnIsNoLabel() {
        String fraud = ROW.substring(0, ROW.length() - 1) + "1";
        String unlabelled = HEADER.replace(",is_fraud", "") + "\n" + ROW.substring(0, ROW.length() - 2);

        assertThat(onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + fraud)).label()).contains(LabelValue.FRAUD);
        assertThat(onlyParsed(read(FileFormat.SPARKOV, unlabelled)).label()).isEmpty();
    }

    @Test
    void cardNumbersKeepOnlyTheirDigits() {
        String spaced = ROW.replace(PAN, "4000 1234-1234 1234");

        Transaction transaction = onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + spaced)).transaction();

        assertThat(transaction.card().pan()).isEqualTo(PAN);
        assertThat(transaction.customer().id()).isEqualTo(PAN);
    }

    @Test
    void personalColumnsGoToThePersonOnlyAndAreNeverPrinted() throws Exception {
        Transaction transaction = onlyParsed(read(FileFormat.SPARKOV, HEADER + "\n" + ROW)).transaction();

        assertThat(EventJson.newMapper().writeValueAsString(transaction)).doesNotContain("1000000001");
        assertThat(transaction.toString()).doesNotContain("Testy", "Tester", "Example Street", "Sampletown",
                "54321", "10.1234", "software", "1990", PAN);
    }

    @Test
    void withoutThePersonColumnsARowIsAVersion1Transaction() {
        String header = "trans_date_trans_time,cc_num,merchant,amt,trans_num";
        String row = "2020-06-21 12:14:25," + PAN + ",m,1.00,t1";

        Transaction transaction = onlyParsed(read(FileFormat.SPARKOV, header + "\n" + row)).transaction();

        assertThat(transaction.customer().person()).isNull();
        assertThat(transaction.channel()).isNull();
        assertThat(transaction.counterparty()).isEqualTo(new Transaction.Counterparty("m", null, null, "m", null,
                null));
    }

    @Test
    void netCategoriesAreOnlineAndPosCategoriesAreAtATerminal() {
        assertThat(SparkovDecoder.channel("shopping_net")).isEqualTo(Transaction.Channel.ONLINE);
        assertThat(SparkovDecoder.channel("gas_transport_pos")).isEqualTo(Transaction.Channel.POS);
        assertThat(SparkovDecoder.channel("travel")).isNull();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("2020-06-21 12:14:25", "2020-06-31 12:14:25",
                        "trans_date_trans_time: not a yyyy-MM-dd HH:mm:ss date-time"),
                Arguments.of("2020-06-21 12:14:25", "2020-06-21T12:14:25",
                        "trans_date_trans_time: not a yyyy-MM-dd HH:mm:ss date-time"),
                Arguments.of(PAN, "4000-CARD", "cc_num: not a card number"),
                Arguments.of(PAN, "4.00012341234123E15", "cc_num: not a card number"),
                Arguments.of(PAN, PAN + "0000", "cc_num: more than 19 digits"),
                Arguments.of(PAN, "", "cc_num: empty"),
                Arguments.of("12.50", "12,50", "row: 24 fields, header has 23"),
                Arguments.of("12.50", "\"12,50\"", "amt: not a number"),
                Arguments.of("t0000000000000000000000000000001", " ", "trans_num: empty"),
                Arguments.of("\"fraud_Acme, \"\"Best\"\" Goods\"", "\"fraud_Acme, \"Best\" Goods\"",
                        "row: invalid CSV quoting"),
                Arguments.of("\"fraud_Acme, \"\"Best\"\" Goods\"", "\"fraud_Acme", "row: invalid CSV quoting"),
                Arguments.of("10.1234", "north", "lat: not a number"),
                Arguments.of("10.1234", "91.5", "lat: out of range"),
                Arguments.of("1990-01-02", "02/01/1990", "dob: not a yyyy-MM-dd date"),
                Arguments.of(",1234,", ",-1234,", "city_pop: negative"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueMakesTheRowMalformedAndReadingGoesOn(String good, String bad, String reason) {
        String badRow = ROW.replace(good, bad);

        List<ParsedRow> rows = read(FileFormat.SPARKOV, String.join("\n", HEADER, ROW, badRow, ROW));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Malformed(2, reason));
        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Parsed.class);
        assertThat(rows.get(2)).isInstanceOf(ParsedRow.Parsed.class);
    }

    @Test
    void aBadLabelIsMalformed() {
        assertThat(onlyReason(read(FileFormat.SPARKOV, HEADER + "\n" + ROW + "1")))
                .isEqualTo("is_fraud: not 0 or 1");
    }

    @Test
    void aHeaderWithoutANeededColumnMakesEveryRowMalformed() {
        assertThat(onlyReason(read(FileFormat.SPARKOV, HEADER.replace("trans_num", "id") + "\n" + ROW)))
                .isEqualTo("header: missing column trans_num");
    }
}
