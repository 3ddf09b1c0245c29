package io.openfraud.scoring.model;

import java.util.List;
import java.util.function.Predicate;

/**
 * Reason codes for model verdicts: each feature the occlusion names (the features whose reset to their training
 * median lowers the score most) maps to a code an analyst understands. First matching row wins; the table is in
 * scoring-service/README.md ("Reason codes").
 */
public final class ReasonCodes {

    /**
     * One row of the table.
     *
     * @param code        stable reason code
     * @param features    which features (for the documentation)
     * @param description what it means for an analyst
     */
    public record Row(String code, String features, String description, Predicate<String> matches) {
    }

    /** Code for a feature no row names (a new feature without a row yet). */
    public static final String OTHER = "OTHER_MODEL_SIGNAL";

    private static final List<Row> TABLE = List.of(
            row("NO_HISTORY", "history_missing", "no earlier transaction of this customer is known",
                    f -> f.equals("history_missing")),
            row("DATA_MISSING", "*_missing", "information usually present is absent (balances, device, IP, card, "
                    + "location, age)", f -> f.endsWith("_missing")),
            row("AMOUNT_HIGH_FOR_CUSTOMER", "*_amount_to_mean, *_amount_zscore", "amount far above what this "
                    + "customer, card or counterparty usually moves",
                    f -> f.endsWith("_amount_to_mean") || f.endsWith("_amount_zscore")),
            row("SPENDING_BURST", "*_amount_sum_log_*", "much money moved in a short window",
                    f -> f.contains("_amount_sum_log_")),
            row("AMOUNT_HIGH", "amount, amount_log", "large amount", f -> f.equals("amount") || f.equals("amount_log")),
            row("RAPID_REPEAT", "has_previous, seconds_since_previous (per entity)", "transactions in quick "
                    + "succession", f -> f.endsWith("has_previous") || f.endsWith("seconds_since_previous")),
            row("VELOCITY", "*_txn_count, *_count_*", "many transactions in a short window (or a very new customer)",
                    f -> f.endsWith("_txn_count") || f.contains("_count_")),
            row("LATE_ARRIVAL", "*_out_of_order", "arrived after later transactions of the same entity",
                    f -> f.endsWith("_out_of_order")),
            row("MULE_PATTERN", "counterparty_fan_in", "many distinct customers pay this counterparty",
                    f -> f.equals("counterparty_fan_in")),
            row("MANY_COUNTERPARTIES", "*_distinct_counterparties", "this customer or card pays many different "
                    + "counterparties", f -> f.endsWith("_distinct_counterparties")),
            row("ACCOUNT_EMPTIED", "customer_balance_emptied, customer_amount_is_balance", "the payment empties "
                    + "the customer's balance", f -> f.equals("customer_balance_emptied")
                            || f.equals("customer_amount_is_balance")),
            row("BALANCE_MISMATCH", "*_balance_error_*, counterparty_balance_unchanged", "balances before and after "
                    + "do not add up to the amount", f -> f.contains("_balance_error")
                            || f.equals("counterparty_balance_unchanged")),
            row("RISKY_TRANSACTION_TYPE", "type_*", "a transaction type fraud favours (for example TRANSFER, "
                    + "CASH_OUT)", f -> f.startsWith("type_")),
            row("UNUSUAL_TIME", "hour_of_day, day_of_week", "unusual time of day or week",
                    f -> f.equals("hour_of_day") || f.equals("day_of_week")),
            row("UNUSUAL_LOCATION", "distance_*, city_population_log", "far from home or from the previous "
                    + "transaction, or an unusual place",
                    f -> f.startsWith("distance_") || f.startsWith("city_population")),
            row("CUSTOMER_PROFILE", "age_band", "the customer's age band", f -> f.startsWith("age_")),
            row("RISKY_CHANNEL", "channel_*", "the channel used", f -> f.startsWith("channel_")),
            row("RISKY_MERCHANT_CATEGORY", "merchant_category_*", "the merchant category",
                    f -> f.startsWith("merchant_category_")));

    private ReasonCodes() {
    }

    private static Row row(String code, String features, String description, Predicate<String> matches) {
        return new Row(code, features, description, matches);
    }

    /** The code for {@code feature}. */
    public static String of(String feature) {
        for (Row row : TABLE) {
            if (row.matches().test(feature)) {
                return row.code();
            }
        }
        return OTHER;
    }

    /** The table, first match first. */
    public static List<Row> table() {
        return TABLE;
    }
}
