package io.openfraud.formats.sparkov;

import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.MalformedRowException;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.RowDecoder;
import io.openfraud.formats.csv.Column;
import io.openfraud.formats.csv.CsvHeader;
import io.openfraud.formats.csv.CsvRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Maps Sparkov rows. Columns are found by header name, so the leading row-index column may be named
 * {@code Unnamed: 0}, be unnamed, or be absent. Required: {@code trans_date_trans_time}, {@code cc_num},
 * {@code merchant}, {@code amt}, {@code trans_num}; {@code is_fraud} is optional (no label when absent or empty).
 *
 * <table>
 * <caption>Mapping</caption>
 * <tr><th>Sparkov</th><th>canonical</th></tr>
 * <tr><td>{@code trans_num}</td><td>{@code transactionId}</td></tr>
 * <tr><td>{@code trans_date_trans_time}</td><td>{@code timestamp}: {@code yyyy-MM-dd HH:mm:ss} in the configured
 *     zone</td></tr>
 * <tr><td>-</td><td>{@code type} CARD; {@code currency} from the options</td></tr>
 * <tr><td>{@code amt}</td><td>{@code amount}</td></tr>
 * <tr><td>{@code cc_num}</td><td>{@code customer.id} and {@code card.pan} (digits only; spaces and dashes removed):
 *     in Sparkov the card is the customer's account</td></tr>
 * <tr><td>{@code merchant}</td><td>{@code counterparty.id}</td></tr>
 * <tr><td>{@code is_fraud}</td><td>label: 1 FRAUD, 0 LEGIT</td></tr>
 * </table>
 *
 * <p>Every other column (category, names, gender, address, coordinates, population, job, date of birth, unix time) is
 * dropped: the canonical transaction has no place for it yet, and personal data that is not kept cannot leak.
 */
public final class SparkovDecoder implements RowDecoder {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    /** The longest card numbers (ISO/IEC 7812) have 19 digits. */
    private static final int MAX_PAN_DIGITS = 19;

    private final String currency;
    private final ZoneId zone;
    private Columns columns;

    public SparkovDecoder(FormatOptions options) {
        this.currency = options.sparkovCurrency();
        this.zone = options.sparkovZone();
    }

    @Override
    public boolean hasHeader() {
        return true;
    }

    @Override
    public void readHeader(String line) {
        CsvHeader header = CsvHeader.parse(line);
        columns = new Columns(
                header.require("trans_date_trans_time"),
                header.require("cc_num"),
                header.require("merchant"),
                header.require("amt"),
                header.require("trans_num"),
                header.find("is_fraud"),
                header);
    }

    @Override
    public ParsedRow.Parsed decode(long rowNumber, String line) {
        CsvRow row = columns.header().row(line);
        String pan = pan(row.text(columns.ccNum()));
        Transaction transaction = new Transaction(
                row.text(columns.transNum()),
                timestamp(row.text(columns.timestamp())),
                TransactionType.CARD,
                row.decimal(columns.amt()),
                currency,
                new Transaction.Customer(pan),
                new Transaction.Counterparty(row.text(columns.merchant())),
                null,
                new Transaction.Card(pan, null, null));
        return new ParsedRow.Parsed(rowNumber, transaction, row.label(columns.isFraud()));
    }

    private Instant timestamp(String text) {
        try {
            return LocalDateTime.parse(text, TIMESTAMP).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // The exception's message quotes the text.
            throw new MalformedRowException("trans_date_trans_time: not a yyyy-MM-dd HH:mm:ss date-time");
        }
    }

    private static String pan(String text) {
        StringBuilder digits = new StringBuilder(MAX_PAN_DIGITS);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == MAX_PAN_DIGITS) {
                    throw new MalformedRowException("cc_num: more than " + MAX_PAN_DIGITS + " digits");
                }
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                throw new MalformedRowException("cc_num: not a card number");
            }
        }
        if (digits.isEmpty()) {
            throw new MalformedRowException("cc_num: not a card number");
        }
        return digits.toString();
    }

    /** Where the columns are in this file; known once the header is read. */
    private record Columns(
            Column timestamp,
            Column ccNum,
            Column merchant,
            Column amt,
            Column transNum,
            Optional<Column> isFraud,
            CsvHeader header) {
    }
}
