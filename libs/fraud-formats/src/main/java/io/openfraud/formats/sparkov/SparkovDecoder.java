package io.openfraud.formats.sparkov;

import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.TransactionIds;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.MalformedRowException;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.RowDecoder;
import io.openfraud.formats.csv.Column;
import io.openfraud.formats.csv.CsvHeader;
import io.openfraud.formats.csv.CsvRow;
import java.time.Instant;
import java.time.LocalDate;
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
 * <tr><td>{@code trans_num}</td><td>{@code transactionId}; a run of more than 12 consecutive digits (one hex id in
 *     about 40) is split by
 *     an underscore, as the transactionId contract allows no card-number-like run ({@link TransactionIds})</td></tr>
 * <tr><td>{@code trans_date_trans_time}</td><td>{@code timestamp}: {@code yyyy-MM-dd HH:mm:ss} in the configured
 *     zone</td></tr>
 * <tr><td>-</td><td>{@code type} CARD; {@code currency} from the options</td></tr>
 * <tr><td>{@code amt}</td><td>{@code amount}</td></tr>
 * <tr><td>{@code cc_num}</td><td>{@code customer.id} and {@code card.pan} (digits only; spaces and dashes removed):
 *     in Sparkov the card is the customer's account</td></tr>
 * <tr><td>{@code merchant}</td><td>{@code counterparty.id} and {@code counterparty.name}</td></tr>
 * <tr><td>{@code category}</td><td>{@code counterparty.category}; {@code channel} ONLINE for {@code *_net}, POS for
 *     {@code *_pos}</td></tr>
 * <tr><td>{@code merch_lat}, {@code merch_long}</td><td>{@code counterparty.location}</td></tr>
 * <tr><td>{@code first}, {@code last}, {@code gender}, {@code dob}, {@code job}</td><td>{@code customer.person}</td></tr>
 * <tr><td>{@code street}, {@code city}, {@code state}, {@code zip}, {@code city_pop}</td>
 *     <td>{@code customer.person.address} (country US)</td></tr>
 * <tr><td>{@code lat}, {@code long}</td><td>{@code customer.person.location}</td></tr>
 * <tr><td>{@code is_fraud}</td><td>label: 1 FRAUD, 0 LEGIT</td></tr>
 * </table>
 *
 * <p>Those optional columns give a version 2 transaction; without them the row is a version 1 transaction. The row
 * index and {@code unix_time} (a copy of the timestamp) are dropped.
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
                header.find("category"),
                header.find("first"), header.find("last"), header.find("gender"), header.find("dob"),
                header.find("job"), header.find("street"), header.find("city"), header.find("state"),
                header.find("zip"), header.find("city_pop"), header.find("lat"), header.find("long"),
                header.find("merch_lat"), header.find("merch_long"),
                header);
    }

    @Override
    public ParsedRow.Parsed decode(long rowNumber, String line) {
        CsvRow row = columns.header().row(line);
        String pan = pan(row.text(columns.ccNum()));
        String merchant = row.text(columns.merchant());
        String category = row.textOrNull(columns.category());
        Transaction transaction = new Transaction(
                TransactionIds.withoutCardLikeRuns(row.text(columns.transNum())),
                timestamp(row.text(columns.timestamp())),
                TransactionType.CARD,
                row.decimal(columns.amt()),
                currency,
                new Transaction.Customer(pan, person(row)),
                new Transaction.Counterparty(merchant, null, null, merchant, category,
                        geoPoint(row, columns.merchLat(), columns.merchLon())),
                null,
                new Transaction.Card(pan, null, null),
                channel(category),
                null);
        return new ParsedRow.Parsed(rowNumber, transaction, row.label(columns.isFraud()));
    }

    /** The cardholder, or {@code null} when the file has none of the person columns. */
    private Transaction.Person person(CsvRow row) {
        Transaction.Address address = null;
        String street = row.textOrNull(columns.street());
        String city = row.textOrNull(columns.city());
        String state = row.textOrNull(columns.state());
        String zip = row.textOrNull(columns.zip());
        Long population = wholeNumber(row.textOrNull(columns.cityPop()), "city_pop");
        if (street != null || city != null || state != null || zip != null || population != null) {
            address = new Transaction.Address(street, city, state, zip, "US", population);
        }
        String first = row.textOrNull(columns.first());
        String last = row.textOrNull(columns.last());
        String gender = row.textOrNull(columns.gender());
        LocalDate dob = date(row.textOrNull(columns.dob()));
        String job = row.textOrNull(columns.job());
        Transaction.GeoPoint home = geoPoint(row, columns.lat(), columns.lon());
        if (first == null && last == null && gender == null && dob == null && job == null && address == null
                && home == null) {
            return null;
        }
        return new Transaction.Person(first, last, gender, dob, null, job, address, home);
    }

    /** Sparkov's categories end in {@code _net} (card not present) or {@code _pos} (at a terminal). */
    static Transaction.Channel channel(String category) {
        if (category == null) {
            return null;
        }
        return category.endsWith("_net") ? Transaction.Channel.ONLINE
                : category.endsWith("_pos") ? Transaction.Channel.POS : null;
    }

    private static Transaction.GeoPoint geoPoint(CsvRow row, Optional<Column> lat, Optional<Column> lon) {
        String latText = row.textOrNull(lat);
        String lonText = row.textOrNull(lon);
        if (latText == null || lonText == null) {
            return null;
        }
        double latitude = coordinate(latText, lat.get().name(), 90);
        double longitude = coordinate(lonText, lon.get().name(), 180);
        return new Transaction.GeoPoint(latitude, longitude);
    }

    private static double coordinate(String text, String column, double bound) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new MalformedRowException(column + ": not a number");
        }
        if (!(Math.abs(value) <= bound)) {
            throw new MalformedRowException(column + ": out of range");
        }
        return value;
    }

    private static Long wholeNumber(String text, String column) {
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new MalformedRowException(column + ": negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new MalformedRowException(column + ": not a whole number");
        }
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedRowException("dob: not a yyyy-MM-dd date");
        }
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
            Optional<Column> category,
            Optional<Column> first, Optional<Column> last, Optional<Column> gender, Optional<Column> dob,
            Optional<Column> job, Optional<Column> street, Optional<Column> city, Optional<Column> state,
            Optional<Column> zip, Optional<Column> cityPop, Optional<Column> lat, Optional<Column> lon,
            Optional<Column> merchLat, Optional<Column> merchLon,
            CsvHeader header) {
    }
}
