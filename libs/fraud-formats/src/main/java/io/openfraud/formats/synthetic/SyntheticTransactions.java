package io.openfraud.formats.synthetic;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.formats.TransactionIds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded generator of synthetic, labelled canonical transactions for tests, demos and benchmarks: the project
 * never needs real cardholder data to exercise itself. The same seed and options give the same sequence, always.
 *
 * <p>Legitimate traffic: customers with a home currency, card payments at a few favourite merchants and mobile-money
 * transfers, log-normal amounts, event times that only move forward. Two fraud patterns, labelled FRAUD:
 * <ul>
 *   <li>account takeover: a large TRANSFER that empties the account, then a CASH_OUT of the same amount from the
 *   receiving mule account, minutes later (the PaySim pattern);</li>
 *   <li>card testing: a burst of tiny CARD payments at new merchants seconds apart, then a large one.</li>
 * </ul>
 * Card numbers are Luhn-valid and start with 4 (they look like real PANs, so the platform's masking is exercised for
 * real), but they are random: no real card is ever generated on purpose.
 *
 * <p>Every transaction is a version 2 one: each customer is a made-up person (name, gender, date of birth, e-mail at
 * {@code example.org}, job, an address in one of a few cities, home coordinates) with a usual device and IP address
 * from the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24); merchants have a category and a
 * location. Frauds come from a device and address the customer never used, and card testing happens online.
 * These profiles come from their own random sequence, so the transactions themselves do not depend on them.
 */
public final class SyntheticTransactions {

    /**
     * Generation options.
     *
     * @param seed          the seed; the same seed gives the same transactions
     * @param customers     number of customers
     * @param fraudRate     share of frauds among generated transactions (approximately)
     * @param start         event time of the first transaction
     * @param meanGap       mean time between consecutive transactions
     */
    public record Options(long seed, int customers, double fraudRate, Instant start, Duration meanGap) {

        public Options {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be >= 1");
            }
            if (fraudRate < 0 || fraudRate > 0.5) {
                throw new IllegalArgumentException("fraudRate must be within [0, 0.5]");
            }
        }

        /** 500 customers, 2% fraud, starting 2025-01-01, a transaction every 20 s on average. */
        public static Options defaults(long seed) {
            return new Options(seed, 500, 0.02, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(20));
        }
    }

    /**
     * One generated transaction and its ground truth.
     *
     * @param transaction the canonical transaction (with a full card number for card payments)
     * @param label       FRAUD or LEGIT
     */
    public record Labelled(Transaction transaction, LabelValue label) {
    }

    private SyntheticTransactions() {
    }

    /** An infinite, lazy, deterministic stream; limit it. */
    public static Stream<Labelled> stream(Options options) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Generator(options),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The first {@code count} transactions. */
    public static List<Labelled> generate(Options options, int count) {
        return stream(options).limit(count).toList();
    }

    private static final class Generator implements Iterator<Labelled> {
        private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "GBP", "USD"};

        private static final String[] FIRST_NAMES = {"Alex", "Sam", "Camille", "Noa", "Jordan", "Robin", "Lou",
            "Maxime", "Charlie", "Sacha"};
        private static final String[] LAST_NAMES = {"Martin", "Bernard", "Dubois", "Smith", "Jones", "Garcia",
            "Muller", "Rossi", "Novak", "Silva"};
        private static final String[] GENDERS = {"F", "M", "X"};
        private static final String[] JOBS = {"Engineer", "Teacher", "Nurse", "Accountant", "Designer", "Chef"};
        /** City, country, population, latitude, longitude. */
        private static final Object[][] CITIES = {
            {"Paris", "FR", 2_100_000L, 48.8566, 2.3522}, {"Lyon", "FR", 520_000L, 45.7640, 4.8357},
            {"Berlin", "DE", 3_700_000L, 52.5200, 13.4050}, {"London", "GB", 8_900_000L, 51.5072, -0.1276},
            {"Madrid", "ES", 3_300_000L, 40.4168, -3.7038}, {"Lille", "FR", 236_000L, 50.6292, 3.0573}};
        private static final String[] POS_CATEGORIES = {"grocery_pos", "gas_transport", "food_dining",
            "health_fitness", "home", "kids_pets"};
        private static final String[] NET_CATEGORIES = {"shopping_net", "misc_net", "grocery_net"};
        private static final String[] IP_PREFIXES = {"192.0.2.", "198.51.100.", "203.0.113."};

        private final Options options;
        private final SplittableRandom random;
        private final SplittableRandom profiles;
        private final Customer[] customers;
        private final Deque<Labelled> pending = new ArrayDeque<>();
        private Instant clock;
        private long sequence;

        Generator(Options options) {
            this.options = options;
            this.random = new SplittableRandom(options.seed());
            this.profiles = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 1);
            this.clock = options.start();
            this.customers = new Customer[options.customers()];
            for (int i = 0; i < customers.length; i++) {
                customers[i] = new Customer(String.format("C%08d", i), luhnPan(random),
                        CURRENCIES[random.nextInt(CURRENCIES.length)], round(lognormal(7.5, 1.0)),
                        random.nextInt(1, 40));
                customers[i].person = person(i);
                customers[i].device = device();
            }
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Labelled next() {
            if (pending.isEmpty()) {
                refill();
            }
            Labelled next = pending.pollFirst();
            if (next == null) {
                throw new NoSuchElementException();
            }
            return next;
        }

        private void refill() {
            advance(options.meanGap());
            Customer customer = customers[random.nextInt(customers.length)];
            double roll = random.nextDouble();
            // Each fraud pattern emits several FRAUD rows; scale its start probability to hit the target rate.
            if (roll < options.fraudRate() / 2.5) {
                accountTakeover(customer);
            } else if (roll < options.fraudRate() / 2.5 + options.fraudRate() / 12) {
                cardTesting(customer);
            } else {
                pending.add(legit(customer));
            }
        }

        private Labelled legit(Customer c) {
            if (random.nextDouble() < 0.6) {
                BigDecimal amount = round(lognormal(3.2, 0.9));
                String merchant = String.format("M%05d", (c.favouriteMerchant + random.nextInt(3)) % 5000);
                return new Labelled(card(c, amount, merchant, false), LabelValue.LEGIT);
            }
            TransactionType type = random.nextDouble() < 0.5 ? TransactionType.PAYMENT
                    : (random.nextBoolean() ? TransactionType.TRANSFER : TransactionType.CASH_IN);
            BigDecimal amount = round(lognormal(4.5, 1.2));
            BigDecimal before = c.balance;
            BigDecimal after = type == TransactionType.CASH_IN ? before.add(amount) : before.subtract(amount)
                    .max(BigDecimal.ZERO);
            c.balance = after;
            String counterparty = String.format("C%08d", random.nextInt(options.customers()));
            return new Labelled(withContext(new Transaction(nextId(), clock, type, amount, c.currency,
                    new Transaction.Customer(c.id), new Transaction.Counterparty(counterparty), new Transaction.Account(
                            before, after), null), c, Transaction.Channel.MOBILE, c.device, null), LabelValue.LEGIT);
        }

        private void accountTakeover(Customer victim) {
            BigDecimal amount = victim.balance.signum() > 0 ? victim.balance : round(lognormal(8, 0.5));
            String mule = String.format("C9%07d", random.nextInt(1_000_000));
            Transaction.Device attacker = device();
            pending.add(new Labelled(withContext(new Transaction(nextId(), clock, TransactionType.TRANSFER, amount,
                    victim.currency, new Transaction.Customer(victim.id),
                    new Transaction.Counterparty(mule, BigDecimal.ZERO, amount),
                    new Transaction.Account(victim.balance, BigDecimal.ZERO), null), victim,
                    Transaction.Channel.ONLINE, attacker, null), LabelValue.FRAUD));
            victim.balance = BigDecimal.ZERO;
            advance(Duration.ofMinutes(3));
            pending.add(new Labelled(new Transaction(nextId(), clock, TransactionType.CASH_OUT, amount,
                    victim.currency, new Transaction.Customer(mule),
                    new Transaction.Counterparty(String.format("M%05d", 9000 + random.nextInt(100))),
                    new Transaction.Account(amount, BigDecimal.ZERO), null, Transaction.Channel.ATM, attacker),
                    LabelValue.FRAUD));
        }

        private void cardTesting(Customer victim) {
            int probes = random.nextInt(5, 10);
            for (int i = 0; i < probes; i++) {
                pending.add(new Labelled(card(victim, new BigDecimal("1.00").add(BigDecimal.valueOf(random.nextInt(
                        100), 2)), String.format("M%05d", 7000 + random.nextInt(500)), true), LabelValue.FRAUD));
                advance(Duration.ofSeconds(4));
            }
            pending.add(new Labelled(card(victim, round(lognormal(7, 0.4)),
                    String.format("M%05d", 7000 + random.nextInt(500)), true), LabelValue.FRAUD));
        }

        /** A card payment: at a terminal with the customer's own device, or (card testing) online from another. */
        private Transaction card(Customer c, BigDecimal amount, String merchant, boolean testing) {
            String cvv = String.format("%03d", random.nextInt(1000));
            Transaction t = new Transaction(nextId(), clock, TransactionType.CARD, amount, c.currency,
                    new Transaction.Customer(c.id), new Transaction.Counterparty(merchant), null,
                    new Transaction.Card(c.pan, cvv, "12/29"));
            int merchantNumber = Integer.parseInt(merchant.substring(1));
            return testing
                    ? withContext(t, c, Transaction.Channel.ONLINE, device(),
                            NET_CATEGORIES[merchantNumber % NET_CATEGORIES.length])
                    : withContext(t, c, Transaction.Channel.POS, c.device,
                            POS_CATEGORIES[merchantNumber % POS_CATEGORIES.length]);
        }

        private Transaction.Person person(int index) {
            Object[] city = CITIES[profiles.nextInt(CITIES.length)];
            String first = FIRST_NAMES[profiles.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[profiles.nextInt(LAST_NAMES.length)];
            Transaction.GeoPoint home = new Transaction.GeoPoint(
                    jitter((Double) city[3], 0.1), jitter((Double) city[4], 0.1));
            return new Transaction.Person(first, last, GENDERS[profiles.nextInt(GENDERS.length)],
                    java.time.LocalDate.of(1940, 1, 1).plusDays(profiles.nextInt(0, 365 * 62)),
                    (first + "." + last + "." + index).toLowerCase(java.util.Locale.ROOT) + "@example.org",
                    JOBS[profiles.nextInt(JOBS.length)],
                    new Transaction.Address(profiles.nextInt(1, 200) + " Example Street", (String) city[0], null,
                            String.format("%05d", profiles.nextInt(100_000)), (String) city[1], (Long) city[2]),
                    home);
        }

        private Transaction.Device device() {
            return new Transaction.Device(String.format("dev-%016x", profiles.nextLong()),
                    IP_PREFIXES[profiles.nextInt(IP_PREFIXES.length)] + profiles.nextInt(1, 255), null);
        }

        private double jitter(double value, double spread) {
            return Math.round((value + (profiles.nextDouble() - 0.5) * 2 * spread) * 1e4) / 1e4;
        }

        /** A version 2 transaction: the customer's person, the merchant's category and place, channel and device. */
        private Transaction withContext(Transaction t, Customer c, Transaction.Channel channel,
                Transaction.Device device, String category) {
            Transaction.GeoPoint place = null;
            if (category != null) {
                Transaction.GeoPoint home = c.person.location();
                // Merchants near home at a terminal; online merchants anywhere.
                place = channel == Transaction.Channel.POS
                        ? new Transaction.GeoPoint(jitter(home.lat(), 0.3), jitter(home.lon(), 0.3))
                        : new Transaction.GeoPoint(jitter(46, 8), jitter(2, 12));
            }
            Transaction.Counterparty cp = t.counterparty();
            return new Transaction(t.transactionId(), t.timestamp(), t.type(), t.amount(), t.currency(),
                    new Transaction.Customer(t.customer().id(), c.person),
                    new Transaction.Counterparty(cp.id(), cp.balanceBefore(), cp.balanceAfter(),
                            category == null ? null : "Shop " + cp.id(), category, place),
                    t.account(), t.card(), channel, device);
        }

        private void advance(Duration mean) {
            double gap = -Math.log(1 - random.nextDouble()) * mean.toMillis();
            clock = clock.plusMillis(Math.max(1, (long) gap));
        }

        private String nextId() {
            // a seed of 13 or more digits would be a card-number-like run
            return TransactionIds.withoutCardLikeRuns(String.format("syn-%d-%09d", options.seed(), ++sequence));
        }

        private double lognormal(double mu, double sigma) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            return Math.exp(mu + sigma * normal);
        }
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(Math.max(0.01, value)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A random 16-digit number starting with 4 whose last digit makes it Luhn-valid. */
    static String luhnPan(SplittableRandom random) {
        StringBuilder digits = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }

    private static final class Customer {
        final String id;
        final String pan;
        final String currency;
        final int favouriteMerchant;
        BigDecimal balance;
        Transaction.Person person;
        Transaction.Device device;

        Customer(String id, String pan, String currency, BigDecimal balance, int favouriteMerchant) {
            this.id = id;
            this.pan = pan;
            this.currency = currency;
            this.balance = balance;
            this.favouriteMerchant = favouriteMerchant;
        }
    }
}
