package io.openfraud.features;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction.Channel;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.Hashes;
import io.openfraud.features.state.Windows;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The platform's feature set, version {@value #VERSION}: names, types, defaults and definitions, computed from a
 * masked transaction and its entities' states strictly before it ({@link #compute}), and the fold that gives the
 * states after it ({@link #fold}). One implementation for feature-service (online) and the offline builder.
 *
 * <p>Pure and deterministic: Java arithmetic only (integers in the state, doubles derived from them here in a fixed
 * order), never the wall clock, never the absolute time or a row position (hour and weekday are UTC). A feature whose
 * input may be absent takes its default and has a {@code *_missing} flag. Every value is finite and below 10^12 in
 * magnitude (the event schemas' bound).
 *
 * <p>Changing a name, a definition or anything in {@code io.openfraud.features.state} that changes a value means a
 * new {@link #VERSION}.
 */
public final class FeatureSet {

    /** Version of this feature set, carried by every vector ({@code featureSetVersion}). */
    public static final String VERSION = "features-v2";

    /** What a feature's value is. */
    public enum Type {
        /** A real number. */
        NUMERIC,
        /** 0 or 1 (one-hot columns and missing-value flags). */
        BINARY,
        /** A small integer code with a documented meaning. */
        CODE
    }

    /**
     * One feature.
     *
     * @param name         stable name (an identifier)
     * @param type         what its values are
     * @param defaultValue value when its input is absent
     * @param definition   what it means, in one sentence
     */
    public record Feature(String name, Type type, double defaultValue, String definition) {
    }

    /** Sparkov's merchant categories, one-hot; MCCs and other names fall into {@code merchant_category_other}. */
    public static final List<String> MERCHANT_CATEGORIES = List.of("entertainment", "food_dining", "gas_transport",
            "grocery_net", "grocery_pos", "health_fitness", "home", "kids_pets", "misc_net", "misc_pos",
            "personal_care", "shopping_net", "shopping_pos", "travel");

    private static final double BOUND = 999_999_999_999.0;
    private static final double ZSCORE_BOUND = 1_000_000.0;

    private record Def(Feature feature, ToDoubleFunction<Input> value) {
    }

    /** What a feature reads: the transaction and its entities' states as of its time. */
    private record Input(MaskedTransaction t, long millis, double scale, EntityStates before) {
        EntityState state(EntityKind kind) {
            return before.get(kind);
        }

        double amount() {
            return t.amountMinor() / scale;
        }

        MaskedContext context() {
            return t.context();
        }
    }

    private static final List<Def> DEFINITIONS = define();
    private static final List<Feature> FEATURES = DEFINITIONS.stream().map(Def::feature).toList();
    private static final List<String> NAMES = FEATURES.stream().map(Feature::name).toList();

    private FeatureSet() {
    }

    /** The features, in vector order. */
    public static List<Feature> features() {
        return FEATURES;
    }

    /** Their names, in vector order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The vector of {@code t} from its entities' states before it (as loaded: expiry is applied here).
     *
     * @return values in the order of {@link #names()}
     */
    public static double[] compute(MaskedTransaction t, EntityStates before) {
        long millis = t.timestamp().toEpochMilli();
        EntityStates asOf = new EntityStates(before.customer().asOf(millis), before.counterparty().asOf(millis),
                t.card() == null ? EntityState.EMPTY : before.card().asOf(millis));
        Input in = new Input(t, millis, scaleOf(t.currency()), asOf);
        double[] values = new double[DEFINITIONS.size()];
        for (int i = 0; i < values.length; i++) {
            double v = DEFINITIONS.get(i).value().applyAsDouble(in);
            values[i] = Double.isFinite(v) ? Math.max(-BOUND, Math.min(BOUND, v)) : 0.0;
        }
        return values;
    }

    /** {@link #compute} as a name-to-value map in vector order (the form of {@code transactions.enriched}). */
    public static Map<String, Double> computeMap(MaskedTransaction t, EntityStates before) {
        return asMap(compute(t, before));
    }

    /** Names to values, in vector order. */
    public static Map<String, Double> asMap(double[] values) {
        Map<String, Double> map = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            map.put(NAMES.get(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The states after {@code t}.
     *
     * @param foldSubject false for a data subject who was erased: their customer and card states stay as they are
     *                    (empty), only the counterparty's aggregate counts the transaction
     */
    public static EntityStates fold(MaskedTransaction t, EntityStates before, boolean foldSubject) {
        long millis = t.timestamp().toEpochMilli();
        int txHash = Hashes.of(t.transactionId());
        Integer distance = t.context() == null ? null : t.context().distanceKm();
        String customer = t.customer().pseudonym();
        String counterparty = t.counterparty().pseudonym();
        EntityState cust = foldSubject
                ? before.customer().fold(millis, t.amountMinor(), txHash, distance, counterparty) : before.customer();
        EntityState cpty = before.counterparty().fold(millis, t.amountMinor(), txHash, distance, customer);
        EntityState card = foldSubject && t.card() != null
                ? before.card().fold(millis, t.amountMinor(), txHash, distance, counterparty) : before.card();
        return new EntityStates(cust, cpty, card);
    }

    /** Divisor from minor to major units: 10^(fraction digits of the currency), 100 if unknown. */
    static double scaleOf(String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (RuntimeException e) {
            // unknown code: ingestion refuses those; keep the usual two digits
        }
        return Math.pow(10, digits);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Definitions
    // ---------------------------------------------------------------------------------------------------------------

    private static List<Def> define() {
        List<Def> d = new ArrayList<>();
        num(d, "amount", 0, "amount in major units of its currency", Input::amount);
        num(d, "amount_log", 0, "ln(1 + amount)", in -> Math.log1p(in.amount()));
        for (TransactionType type : TransactionType.values()) {
            bin(d, "type_" + type.name().toLowerCase(Locale.ROOT), "1 if the transaction type is " + type.name(),
                    in -> in.t().type() == type ? 1 : 0);
        }
        code(d, "hour_of_day", 0, "hour of the event time in UTC, 0-23", in -> utc(in.t().timestamp()).getHour());
        code(d, "day_of_week", 0, "day of the event time in UTC, 0 (Monday) to 6 (Sunday)",
                in -> utc(in.t().timestamp()).getDayOfWeek().getValue() - 1);

        // Balance consistency (PaySim-style account balances). The errors are signed logs: raw amounts in major units
        // are heavy-tailed and would dominate a mean/deviation standardisation; exact equalities are their own flags.
        num(d, "customer_balance_error_log", 0, "sign(e) * ln(1 + |e|), e = customer balance before - amount - "
                + "balance after, major units; 0 without balances", in -> signedLog(customerError(in) / in.scale()));
        bin(d, "customer_balance_error_nonzero", "1 if the customer's balances are present and before - amount - "
                + "after is not 0", in -> balanced(in.t().customer()) && customerError(in) != 0 ? 1 : 0);
        bin(d, "customer_balance_emptied", "1 if the customer's balance goes from positive to zero",
                in -> balanced(in.t().customer()) && in.t().customer().balanceBeforeMinor() > 0
                        && in.t().customer().balanceAfterMinor() == 0 ? 1 : 0);
        bin(d, "customer_amount_is_balance", "1 if the amount is exactly the customer's positive balance before",
                in -> balanced(in.t().customer()) && in.t().customer().balanceBeforeMinor() > 0
                        && in.t().customer().balanceBeforeMinor() == in.t().amountMinor() ? 1 : 0);
        missing(d, "customer_balance_missing", "customer balances", in -> !balanced(in.t().customer()));
        num(d, "counterparty_balance_error_log", 0, "sign(e) * ln(1 + |e|), e = counterparty balance before + amount "
                + "- balance after, major units; 0 without balances",
                in -> signedLog(counterpartyError(in) / in.scale()));
        bin(d, "counterparty_balance_error_nonzero", "1 if the counterparty's balances are present and before + "
                + "amount - after is not 0", in -> balanced(in.t().counterparty()) && counterpartyError(in) != 0 ? 1 : 0);
        bin(d, "counterparty_balance_unchanged", "1 if the counterparty's balances are present and equal although "
                + "the amount is positive", in -> balanced(in.t().counterparty()) && in.t().amountMinor() > 0
                        && in.t().counterparty().balanceBeforeMinor().longValue()
                        == in.t().counterparty().balanceAfterMinor().longValue() ? 1 : 0);
        missing(d, "counterparty_balance_missing", "counterparty balances", in -> !balanced(in.t().counterparty()));

        num(d, "distance_home_km", 0, "distance between the customer's home and the merchant, km (context.distanceKm)",
                in -> distance(in) == null ? 0 : distance(in));
        missing(d, "distance_home_missing", "context.distanceKm", in -> distance(in) == null);
        num(d, "distance_delta_prev_km", 0, "|distance from home now - at the customer's previous transaction|, km: a "
                + "lower bound of the distance between the two merchants (masked records carry no coordinates)",
                in -> deltaPrevious(in) < 0 ? 0 : deltaPrevious(in));
        missing(d, "distance_delta_prev_missing", "a distance now and at the previous transaction",
                in -> deltaPrevious(in) < 0);
        code(d, "age_band", 0, "customer age band: 1 <18, 2 18-24, 3 25-34, 4 35-44, 5 45-54, 6 55-64, 7 65+; "
                + "0 if unknown", FeatureSet::ageBand);
        missing(d, "age_missing", "context.customerAgeYears",
                in -> in.context() == null || in.context().customerAgeYears() == null);
        num(d, "city_population_log", 0, "ln(1 + population of the customer's city)",
                in -> in.context() == null || in.context().cityPopulation() == null ? 0
                        : Math.log1p(in.context().cityPopulation()));
        missing(d, "city_population_missing", "context.cityPopulation",
                in -> in.context() == null || in.context().cityPopulation() == null);
        for (Channel channel : Channel.values()) {
            bin(d, "channel_" + channel.name().toLowerCase(Locale.ROOT), "1 if the channel is " + channel.name(),
                    in -> in.context() != null && in.context().channel() == channel ? 1 : 0);
        }
        missing(d, "channel_missing", "context.channel", in -> in.context() == null || in.context().channel() == null);
        for (String category : MERCHANT_CATEGORIES) {
            bin(d, "merchant_category_" + category, "1 if the merchant category is " + category,
                    in -> category.equals(category(in)) ? 1 : 0);
        }
        bin(d, "merchant_category_other", "1 if the merchant category is an MCC or another name",
                in -> category(in) != null && !MERCHANT_CATEGORIES.contains(category(in)) ? 1 : 0);
        missing(d, "merchant_category_missing", "context.merchantCategory", in -> category(in) == null);
        missing(d, "device_missing", "context.devicePseudonym",
                in -> in.context() == null || in.context().devicePseudonym() == null);
        missing(d, "ip_missing", "context.ipPseudonym", in -> in.context() == null || in.context().ipPseudonym() == null);
        missing(d, "card_missing", "the card (a non-card payment)", in -> in.t().card() == null);

        for (EntityKind kind : EntityKind.values()) {
            entity(d, kind);
        }
        return List.copyOf(d);
    }

    private static void entity(List<Def> d, EntityKind kind) {
        String p = kind.id() + "_";
        String who = "the " + kind.id() + "'s";
        num(d, p + "txn_count", 0, "transactions of " + who.replace("'s", "") + " before this one (since it was last "
                + "silent for 8 days)", in -> in.state(kind).count());
        for (Windows w : Windows.ALL) {
            num(d, p + "count_" + w.suffix(), 0, "transactions of " + who.replace("'s", "") + " in the last "
                    + w.suffix() + " before this one", in -> in.state(kind).windowCount(w, in.millis()));
        }
        for (Windows w : Windows.ALL) {
            num(d, p + "amount_sum_log_" + w.suffix(), 0, "ln(1 + sum of " + who + " amounts in the last "
                    + w.suffix() + ", major units)",
                    in -> Math.log1p(in.state(kind).windowSumMinor(w, in.millis()) / in.scale()));
        }
        // The customer's two keep the walking skeleton's names, which scoring's rules read.
        String hasPrevious = kind == EntityKind.CUSTOMER ? "has_previous" : p + "has_previous";
        String sincePrevious = kind == EntityKind.CUSTOMER ? "seconds_since_previous" : p + "seconds_since_previous";
        bin(d, hasPrevious, "1 if " + who + " latest transaction is at or before this one",
                in -> previous(in, kind) ? 1 : 0);
        num(d, sincePrevious, 0, "seconds since " + who + " latest transaction; 0 without one",
                in -> previous(in, kind) ? (in.millis() - in.state(kind).lastMillis()) / 1000.0 : 0);
        bin(d, p + "out_of_order", "1 if " + who + " latest transaction is after this one (a late arrival)",
                in -> in.state(kind).count() > 0 && in.state(kind).lastMillis() > in.millis() ? 1 : 0);
        num(d, p + "amount_to_mean", 0, "amount / " + who + " mean amount; 0 without history",
                in -> in.state(kind).count() == 0 ? 0 : in.t().amountMinor() / in.state(kind).meanMinor());
        num(d, p + "amount_zscore", 0, "(amount - " + who + " mean) / its standard deviation, within +-10^6; 0 with "
                + "fewer than 2 transactions or no spread", in -> zscore(in, kind));
        if (kind == EntityKind.COUNTERPARTY) {
            num(d, "counterparty_fan_in", 0, "distinct customers who paid the counterparty (exact below 32, a "
                    + "k-minimum-values estimate above)", in -> in.state(kind).distinctOthers());
        } else {
            num(d, p + "distinct_counterparties", 0, "distinct counterparties of " + who.replace("'s", "")
                    + " (exact below 32, a k-minimum-values estimate above)", in -> in.state(kind).distinctOthers());
        }
        missing(d, p + "history_missing", who + " history (first transaction, or silent for 8 days)",
                in -> in.state(kind).count() == 0);
    }

    private static boolean previous(Input in, EntityKind kind) {
        EntityState s = in.state(kind);
        return s.count() > 0 && s.lastMillis() <= in.millis();
    }

    private static double zscore(Input in, EntityKind kind) {
        EntityState s = in.state(kind);
        double std = s.stdMinor();
        if (s.count() < 2 || std == 0) {
            return 0;
        }
        double z = (in.t().amountMinor() - s.meanMinor()) / std;
        return Math.max(-ZSCORE_BOUND, Math.min(ZSCORE_BOUND, z));
    }

    private static Integer distance(Input in) {
        return in.context() == null ? null : in.context().distanceKm();
    }

    /** |distance now - distance at the previous transaction|, or -1 if either is unknown or there is none. */
    private static double deltaPrevious(Input in) {
        Integer now = distance(in);
        EntityState c = in.state(EntityKind.CUSTOMER);
        if (now == null || c.count() == 0 || c.lastDistanceKm() == EntityState.NO_DISTANCE) {
            return -1;
        }
        return Math.abs(now - c.lastDistanceKm());
    }

    private static String category(Input in) {
        if (in.context() == null || in.context().merchantCategory() == null) {
            return null;
        }
        return in.context().merchantCategory().strip().toLowerCase(Locale.ROOT);
    }

    private static double ageBand(Input in) {
        if (in.context() == null || in.context().customerAgeYears() == null) {
            return 0;
        }
        int age = in.context().customerAgeYears();
        if (age < 18) {
            return 1;
        }
        return age < 25 ? 2 : Math.min(7, 3 + (age - 25) / 10);
    }

    /** Customer balance before - amount - balance after, minor units; 0 without balances. */
    private static double customerError(Input in) {
        MaskedParty c = in.t().customer();
        return balanced(c) ? (double) (c.balanceBeforeMinor() - in.t().amountMinor() - c.balanceAfterMinor()) : 0;
    }

    /** Counterparty balance before + amount - balance after, minor units; 0 without balances. */
    private static double counterpartyError(Input in) {
        MaskedParty c = in.t().counterparty();
        return balanced(c) ? (double) (c.balanceBeforeMinor() + in.t().amountMinor() - c.balanceAfterMinor()) : 0;
    }

    private static double signedLog(double x) {
        return Math.signum(x) * Math.log1p(Math.abs(x));
    }

    private static boolean balanced(MaskedParty party) {
        return party != null && party.balanceBeforeMinor() != null && party.balanceAfterMinor() != null;
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    private static void num(List<Def> d, String name, double defaultValue, String definition,
            ToDoubleFunction<Input> value) {
        d.add(new Def(new Feature(name, Type.NUMERIC, defaultValue, definition), value));
    }

    private static void code(List<Def> d, String name, double defaultValue, String definition,
            ToDoubleFunction<Input> value) {
        d.add(new Def(new Feature(name, Type.CODE, defaultValue, definition), value));
    }

    private static void bin(List<Def> d, String name, String definition, ToDoubleFunction<Input> value) {
        d.add(new Def(new Feature(name, Type.BINARY, 0, definition), value));
    }

    private static void missing(List<Def> d, String name, String input, java.util.function.Predicate<Input> absent) {
        d.add(new Def(new Feature(name, Type.BINARY, 1, "1 if " + input + " is absent"),
                in -> absent.test(in) ? 1 : 0));
    }
}
