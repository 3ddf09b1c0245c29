package io.openfraud.ingestion.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.Transaction.Address;
import io.openfraud.events.transaction.Transaction.Card;
import io.openfraud.events.transaction.Transaction.Counterparty;
import io.openfraud.events.transaction.Transaction.Customer;
import io.openfraud.events.transaction.Transaction.Device;
import io.openfraud.events.transaction.Transaction.GeoPoint;
import io.openfraud.events.transaction.Transaction.Person;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.rules.RuleCatalogue;
import io.openfraud.ingestion.quality.rules.TypedSchemaCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The typed shortcut of the gate ({@link TypedSchemaCheck}, {@link QualityCheck#checkTyped(Transaction, Instant)}) against
 * the contract: on generated transactions, valid and broken in one field, it never says "conforms" when the JSON Schema
 * validator finds a violation, and the typed check gives exactly the outcome (transaction, rule ids, fields, reasons,
 * schema version) of checking the transaction's JSON. It also says "conforms" for every generated valid transaction,
 * so the shortcut is actually taken on the import path.
 */
class TypedSchemaCheckTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final QualityCheck CHECK = new QualityCheck(RuleCatalogue.defaults(), JSON, Duration.ofMinutes(5));

    @Property(tries = 60)
    void generatedTransactionsConformAndCheckAsTheirJson(@ForAll("generated") Transaction t) {
        assertThat(SchemaValidator.shared().validateTransaction(JSON.valueToTree(t))).isEmpty();
        assertThat(TypedSchemaCheck.conforms(t)).as("the shortcut is taken for a valid row").isTrue();
        assertThat(CHECK.checkTyped(t, NOW)).isEqualTo(CHECK.check(JSON.valueToTree(t), NOW));
    }

    @Property(tries = 300)
    void brokenTransactionsAreNeverWavedThroughAndCheckAsTheirJson(@ForAll("generated") Transaction t,
            @ForAll("breakage") UnaryOperator<Transaction> breakIt) {
        Transaction broken = breakIt.apply(t);
        boolean valid;
        try {
            valid = SchemaValidator.shared().validateTransaction(JSON.valueToTree(broken)).isEmpty();
        } catch (RuntimeException notEvenJson) { // NaN coordinates
            valid = false;
        }
        if (TypedSchemaCheck.conforms(broken)) {
            assertThat(valid).as("the shortcut said 'conforms' to what the schema rejects").isTrue();
        }
        assertThat(outcomeOrFailure(() -> CHECK.checkTyped(broken, NOW)))
                .isEqualTo(outcomeOrFailure(() -> CHECK.check(JSON.valueToTree(broken), NOW)));
    }

    @Property(tries = 10)
    void transactionIdsWithThirteenDigitsInARowAreNeverWavedThrough(@ForAll("generated") Transaction t) {
        // the schema refuses 13 consecutive digits anywhere in an id; the shortcut once only refused all-digit ids
        for (String id : List.of("1".repeat(20), "ref4111111111111111", "a1234567890123", "tx-1234567890123-b")) {
            Transaction broken = with(t, id, null, null, null);
            assertThat(SchemaValidator.shared().validateTransaction(JSON.valueToTree(broken))).as(id).isNotEmpty();
            assertThat(TypedSchemaCheck.conforms(broken)).as(id).isFalse();
        }
    }

    /** The outcome, or the class of what was thrown (a NaN coordinate does not even make a JSON tree). */
    private static Object outcomeOrFailure(java.util.function.Supplier<QualityCheck.Outcome> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Provide
    Arbitrary<Transaction> generated() {
        return Arbitraries.longs().map(seed -> SyntheticTransactions.generate(
                SyntheticTransactions.Options.defaults(seed), 1 + (int) Math.floorMod(seed, 7L))
                .get(Math.floorMod(seed, 1 + (int) Math.floorMod(seed, 7L))).transaction());
    }

    @Provide
    Arbitrary<UnaryOperator<Transaction>> breakage() {
        Arbitrary<String> strings = Arbitraries.oneOf(
                Arbitraries.of("", " ", "a", "1234567890123", "4111-1111-1111-1111", "ab\ncd", "x@y", "a@b.c",
                        "user@example.com", "u@localhost", "1.2.3.4", "256.1.1.1", "::1", "fe80::1%eth0", "gggg::",
                        "EUR", "eur", "EURO", "US", "12/29", "13/29", "1/29", "123", "12345", "5411", "grocery_pos",
                        "Grocery", "tx-1", "-tx", "t x", "é", "😀", "a".repeat(33), "a".repeat(201), "a".repeat(257),
                        "1".repeat(8), "1".repeat(20), "4111111111111111"),
                Arbitraries.strings().ofMaxLength(30));
        Arbitrary<BigDecimal> numbers = Arbitraries.oneOf(
                Arbitraries.of(BigDecimal.ZERO, new BigDecimal("-0.01"), new BigDecimal("0.001"), new BigDecimal("1E-400"),
                        new BigDecimal("1E+400"), new BigDecimal("12.345"), BigDecimal.ONE),
                Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000")).ofScale(3));
        Arbitrary<Double> coordinates = Arbitraries.of(0.0, -90.0, 90.0, 90.0001, -180.0, 180.5, Double.NaN,
                Double.POSITIVE_INFINITY, 45.5);
        Arbitrary<Instant> instants = Arbitraries.of(Instant.parse("2024-05-01T10:15:30Z"),
                Instant.parse("2024-05-01T10:15:30.123456789Z"), Instant.parse("-0001-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH, Instant.parse("0000-06-01T00:00:00Z"));
        Arbitrary<LocalDate> dates = Arbitraries.of(LocalDate.of(1980, 2, 29), LocalDate.of(0, 1, 1),
                LocalDate.of(10000, 1, 1), LocalDate.of(-5, 3, 3), LocalDate.of(2031, 1, 1));
        Arbitrary<Long> populations = Arbitraries.of(-1L, 0L, 99_999_999L, 100_000_000L, 42L);
        return Arbitraries.oneOf(List.of(
                strings.map(v -> t -> with(t, v, null, null, null)),
                numbers.map(v -> t -> new Transaction(t.transactionId(), t.timestamp(), t.type(), v, t.currency(),
                        t.customer(), t.counterparty(), t.account(), t.card(), t.channel(), t.device())),
                strings.map(v -> t -> new Transaction(t.transactionId(), t.timestamp(), t.type(), t.amount(), v,
                        t.customer(), t.counterparty(), t.account(), t.card(), t.channel(), t.device())),
                instants.map(v -> t -> new Transaction(t.transactionId(), v, t.type(), t.amount(), t.currency(),
                        t.customer(), t.counterparty(), t.account(), t.card(), t.channel(), t.device())),
                strings.map(v -> t -> customer(t, new Customer(v, t.customer().person()))),
                strings.map(v -> t -> person(t, p -> new Person(v, p.lastName(), p.gender(), p.dateOfBirth(),
                        p.email(), p.job(), p.address(), p.location()))),
                strings.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), v, p.dateOfBirth(),
                        p.email(), p.job(), p.address(), p.location()))),
                strings.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), p.gender(),
                        p.dateOfBirth(), v, p.job(), p.address(), p.location()))),
                dates.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), p.gender(), v,
                        p.email(), p.job(), p.address(), p.location()))),
                strings.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), p.gender(),
                        p.dateOfBirth(), p.email(), p.job(), new Address(v, "c", "s", v, v, 1L), p.location()))),
                populations.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), p.gender(),
                        p.dateOfBirth(), p.email(), p.job(), new Address(null, null, null, null, "FR", v),
                        p.location()))),
                coordinates.map(v -> t -> person(t, p -> new Person(p.firstName(), p.lastName(), p.gender(),
                        p.dateOfBirth(), p.email(), p.job(), p.address(), new GeoPoint(v, 1.0)))),
                coordinates.map(v -> t -> counterparty(t, c -> new Counterparty(c.id(), c.balanceBefore(),
                        c.balanceAfter(), c.name(), c.category(), new GeoPoint(1.0, v)))),
                strings.map(v -> t -> counterparty(t, c -> new Counterparty(c.id(), c.balanceBefore(),
                        c.balanceAfter(), v, v, c.location()))),
                strings.map(v -> t -> counterparty(t, c -> new Counterparty(v, c.balanceBefore(),
                        c.balanceAfter(), c.name(), c.category(), c.location()))),
                numbers.map(v -> t -> counterparty(t, c -> new Counterparty(c.id(), v, v, c.name(), c.category(),
                        c.location()))),
                strings.map(v -> t -> with(t, null, new Card(v, null, null), null, null)),
                strings.map(v -> t -> with(t, null, new Card("4111111111111111", v, v), null, null)),
                strings.map(v -> t -> with(t, null, null, new Device(v, v, v), null)),
                strings.map(v -> t -> with(t, null, null, new Device("d-1", v, null), null)),
                numbers.map(v -> t -> with(t, null, null, null, new Transaction.Account(v, v)))));
    }

    private static Transaction with(Transaction t, String id, Card card, Device device, Transaction.Account account) {
        return new Transaction(id == null ? t.transactionId() : id, t.timestamp(), t.type(), t.amount(),
                t.currency(), t.customer(), t.counterparty(), account == null ? t.account() : account,
                card == null ? t.card() : card, t.channel(), device == null ? t.device() : device);
    }

    private static Transaction customer(Transaction t, Customer customer) {
        return new Transaction(t.transactionId(), t.timestamp(), t.type(), t.amount(), t.currency(), customer,
                t.counterparty(), t.account(), t.card(), t.channel(), t.device());
    }

    private static Transaction person(Transaction t, UnaryOperator<Person> change) {
        Person p = t.customer().person() != null ? t.customer().person()
                : new Person("Ann", "Lee", "F", LocalDate.of(1980, 1, 1), "ann@example.com", "job", null, null);
        return customer(t, new Customer(t.customer().id(), change.apply(p)));
    }

    private static Transaction counterparty(Transaction t, UnaryOperator<Counterparty> change) {
        return new Transaction(t.transactionId(), t.timestamp(), t.type(), t.amount(), t.currency(), t.customer(),
                change.apply(t.counterparty()), t.account(), t.card(), t.channel(), t.device());
    }
}
