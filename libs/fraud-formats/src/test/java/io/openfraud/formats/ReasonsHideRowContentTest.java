package io.openfraud.formats;

import static io.openfraud.formats.Rows.malformed;
import static io.openfraud.formats.Rows.parsed;
import static io.openfraud.formats.Rows.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Sparkov rows hold card numbers, names and addresses: a reason that quoted a value would carry them into logs,
 * reports and dead-letter records. Every broken row here carries a card number and a name in the broken place.
 */
class ReasonsHideRowContentTest {

    static final String PAN = "4000123412341234";
    static final String NAME = "Zebedee";

    static final String SPARKOV_HEADER = ",trans_date_trans_time,cc_num,merchant,category,amt,first,last,gender,"
            + "street,city,state,zip,lat,long,city_pop,job,dob,trans_num,unix_time,merch_lat,merch_long,is_fraud";
    static final List<String> SPARKOV_ROW = List.of("0", "2020-06-21 12:14:25", PAN, "fraud_Shop", "misc_net",
            "3.50", NAME, "Tester", "M", "1 Example Street", "Sampletown", "ZZ", "00001", "10.0", "20.0", "100",
            "Tester", "1990-01-01", "t0000000000000000000000000000002", "1000000000", "10.5", "20.5", "0");

    @Test
    void sparkovReasonsNeverQuoteTheRow() {
        StringBuilder file = new StringBuilder(SPARKOV_HEADER).append('\n');
        // Each column in turn gets a value that breaks it and embeds the card number and the name.
        for (int column = 0; column < SPARKOV_ROW.size(); column++) {
            List<String> row = new java.util.ArrayList<>(SPARKOV_ROW);
            row.set(column, PAN + "x" + NAME + "-99");
            file.append(String.join(",", row)).append('\n');
        }
        String row = String.join(",", SPARKOV_ROW);
        file.append(row.replace(NAME, "\"" + NAME + " \"unterminated")).append('\n');
        file.append(row.replace(NAME, "\"" + NAME + "\"trailing")).append('\n');
        file.append(row).append(',').append(PAN).append('\n');
        file.append(row.replace("3.50", "\"" + PAN + "," + NAME + "\"")).append('\n');
        file.append(row.replace("3.50", "1e99999" + PAN)).append('\n');
        file.append(PAN).append(' ').append(NAME).append('\n');

        List<ParsedRow> rows = read(FileFormat.SPARKOV, file.toString());

        assertThat(malformed(rows)).hasSizeGreaterThanOrEqualTo(6);
        assertNoReasonQuotes(rows);
    }

    @Test
    void sparkovHeaderReasonsNeverQuoteTheHeader() {
        String header = SPARKOV_HEADER.replace("amt", PAN) + ",cc_num";

        assertNoReasonQuotes(read(FileFormat.SPARKOV, header + "\n" + String.join(",", SPARKOV_ROW) + ",x"));
    }

    @Test
    void paySimReasonsNeverQuoteTheRow() {
        String header = "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,"
                + "newbalanceDest,isFraud";
        List<String> row = List.of("1", "PAYMENT", "1.0", "C1", "0", "0", "M1", "0", "0", "0");
        String file = header + "\n" + IntStream.range(0, row.size())
                .mapToObj(column -> {
                    List<String> broken = new java.util.ArrayList<>(row);
                    broken.set(column, (column == 3 || column == 6 ? "" : PAN + NAME));
                    return String.join(",", broken);
                })
                .collect(Collectors.joining("\n"));

        List<ParsedRow> rows = read(FileFormat.PAYSIM, file);

        assertThat(parsed(rows)).isEmpty();
        assertNoReasonQuotes(rows);
    }

    @Test
    void ndjsonReasonsNeverQuoteTheLine() {
        String good = "\"transactionId\":\"t\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"type\":\"CARD\","
                + "\"amount\":1,\"currency\":\"USD\",\"customer\":{\"id\":\"" + NAME + "\"}";
        String file = String.join("\n",
                PAN + " " + NAME,
                "{" + good + ",\"card\":{\"pan\":" + PAN + NAME + "}}",
                "{" + good.replace("\"amount\":1", "\"amount\":\"" + PAN + NAME + "\"") + "}",
                "{" + good.replace("CARD", PAN + NAME) + "}",
                "{" + good.replace("2025-01-01T00:00:00Z", PAN + NAME) + "}",
                "{" + good + ",\"label\":\"" + PAN + NAME + "\"}",
                "{" + good + ",\"isFraud\":" + PAN + "}",
                "{" + good + ",\"card\":{\"" + PAN + NAME + "\":1,\"pan\":[\"" + PAN + "\"]}}",
                "{\"" + PAN + NAME + "\":{" + good + "}}",
                "{" + good + "} " + PAN + NAME);

        List<ParsedRow> rows = read(FileFormat.NDJSON, file);

        assertThat(parsed(rows)).isEmpty();
        assertNoReasonQuotes(rows);
    }

    @Test
    void parsedRowsDoNotShowTheirTransactionWhenPrinted() {
        List<ParsedRow> rows = read(FileFormat.SPARKOV, SPARKOV_HEADER + "\n" + String.join(",", SPARKOV_ROW));

        assertThat(parsed(rows)).singleElement()
                .satisfies(row -> assertThat(row.toString()).doesNotContain(PAN).doesNotContain("1234"));
    }

    private static void assertNoReasonQuotes(List<ParsedRow> rows) {
        assertThat(malformed(rows)).isNotEmpty().allSatisfy(row -> assertThat(row.reason())
                .doesNotContain(PAN)
                .doesNotContain("1234")
                .doesNotContain(NAME)
                .doesNotContain("Zeb"));
    }
}
