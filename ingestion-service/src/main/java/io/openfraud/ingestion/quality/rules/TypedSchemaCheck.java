package io.openfraud.ingestion.quality.rules;

import com.networknt.schema.Format;
import com.networknt.schema.Formats;
import io.openfraud.events.transaction.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A compiled shortcut of the canonical transaction schema (version 2, {@code transaction-v2.schema.json}) for a
 * transaction that is already typed (a file row from the project's readers): {@link #conforms} says, without building a
 * JSON tree, that the JSON the transaction serialises to passes the JSON Schema validator. It only ever answers "yes,
 * certainly" or "don't know": on "don't know" the caller runs the JSON Schema validator itself, so every rejection still
 * comes from the contract's validator, with its rule ids and reasons.
 *
 * <p>Each test is the schema's keyword, or stricter: string lengths in UTF-16 units (at least the code points the
 * schema counts), the schema's own regular expressions (the validator's engine is the JDK's), the validator's own
 * format implementations ({@code date-time}, {@code date}, {@code email}, {@code ipv4}, {@code ipv6}), finite numbers.
 * {@code TypedSchemaCheckTest} proves it against the validator on generated valid and invalid transactions; a change to
 * the schema must change this class (the test fails otherwise).
 */
public final class TypedSchemaCheck {

    // The patterns of transaction-v2.schema.json, verbatim.
    private static final Pattern TRANSACTION_ID = Pattern.compile("^(?!(?=(?:[^0-9]*[0-9]){13,19}[^0-9]*$)"
            + "[0-9]{4}(?:-[0-9]{3,6}){2,3}(?:-[0-9]{1,4})?$)(?!.*[0-9]{13})[A-Za-z0-9][A-Za-z0-9_.:=+/~-]{0,127}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern CATEGORY = Pattern.compile("^([0-9]{4}|[a-z][a-z0-9_]{0,63})$");
    private static final Pattern PAN = Pattern.compile("^[0-9]{8,19}$");
    private static final Pattern CVV = Pattern.compile("^[0-9]{3,4}$");
    private static final Pattern EXPIRY = Pattern.compile("^(0[1-9]|1[0-2])/[0-9]{2}$");
    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Format DATE_TIME = format("date-time");
    private static final Format DATE = format("date");
    private static final Format EMAIL = format("email");
    private static final Format IPV4 = format("ipv4");
    private static final Format IPV6 = format("ipv6");

    private TypedSchemaCheck() {
    }

    /** Whether the JSON of {@code t} certainly conforms to the version 2 schema; false means "run the validator". */
    public static boolean conforms(Transaction t) {
        return t != null
                && matches(TRANSACTION_ID, t.transactionId())
                && t.timestamp() != null && !t.timestamp().isBefore(FIRST) && !t.timestamp().isAfter(LAST)
                && DATE_TIME.matches(null, t.timestamp().toString())
                && t.type() != null
                && t.amount() != null && t.amount().signum() > 0 && finitePositive(t.amount())
                && matches(CURRENCY, t.currency())
                && customer(t.customer())
                && counterparty(t.counterparty())
                && (t.account() == null || finite(t.account().balanceBefore()) && finite(t.account().balanceAfter()))
                && card(t.card())
                && device(t.device());
    }

    private static boolean customer(Transaction.Customer customer) {
        return customer != null && length(customer.id(), 1, 256) && person(customer.person());
    }

    private static boolean person(Transaction.Person p) {
        if (p == null) {
            return true;
        }
        return optionalLength(p.firstName(), 1, 200) && optionalLength(p.lastName(), 1, 200)
                && optionalLength(p.gender(), 0, 32) && date(p.dateOfBirth())
                && (p.email() == null || p.email().length() <= 320 && EMAIL.matches(null, p.email()))
                && optionalLength(p.job(), 0, 200) && address(p.address()) && geo(p.location());
    }

    private static boolean address(Transaction.Address a) {
        return a == null || optionalLength(a.street(), 0, 400) && optionalLength(a.city(), 0, 200)
                && optionalLength(a.state(), 0, 100) && optionalLength(a.postalCode(), 0, 20)
                && (a.country() == null || matches(COUNTRY, a.country()))
                && (a.cityPopulation() == null || a.cityPopulation() >= 0 && a.cityPopulation() <= 99_999_999L);
    }

    private static boolean counterparty(Transaction.Counterparty c) {
        return c != null && length(c.id(), 1, 256) && finite(c.balanceBefore()) && finite(c.balanceAfter())
                && optionalLength(c.name(), 1, 200) && (c.category() == null || matches(CATEGORY, c.category()))
                && geo(c.location());
    }

    private static boolean card(Transaction.Card c) {
        return c == null || (c.pan() == null || matches(PAN, c.pan())) && (c.cvv() == null || matches(CVV, c.cvv()))
                && (c.expiry() == null || matches(EXPIRY, c.expiry()));
    }

    private static boolean device(Transaction.Device d) {
        return d == null || optionalLength(d.id(), 1, 256) && optionalLength(d.userAgent(), 0, 1024)
                && (d.ip() == null || IPV4.matches(null, d.ip()) || IPV6.matches(null, d.ip()));
    }

    private static boolean geo(Transaction.GeoPoint g) {
        return g == null || Double.isFinite(g.lat()) && Double.isFinite(g.lon()) && g.lat() >= -90 && g.lat() <= 90
                && g.lon() >= -180 && g.lon() <= 180;
    }

    private static boolean date(LocalDate date) {
        return date == null || date.getYear() >= 1 && date.getYear() <= 9999 && DATE.matches(null, date.toString());
    }

    /** Magnitudes a double holds without overflow or underflow (the validator may compare as a double). */
    private static boolean finite(BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return true;
        }
        double d = Math.abs(value.doubleValue());
        return Double.isFinite(d) && d >= 1e-300;
    }

    private static boolean finitePositive(BigDecimal value) {
        return finite(value) && value.doubleValue() > 0;
    }

    private static boolean matches(Pattern pattern, String value) {
        // The validator looks for the (anchored) pattern with find(); '$' would also match before a final line break.
        return value != null && value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && pattern.matcher(value).find();
    }

    private static boolean length(String value, int min, int max) {
        return value != null && value.length() >= min && value.length() <= max;
    }

    private static boolean optionalLength(String value, int min, int max) {
        return value == null || length(value, min, max);
    }

    private static Format format(String name) {
        return Formats.DEFAULT.stream().filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the validator has no format " + name));
    }
}
