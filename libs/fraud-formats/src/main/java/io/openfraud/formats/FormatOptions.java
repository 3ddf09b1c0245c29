package io.openfraud.formats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file does not say about itself. Start from {@link #defaults()} and change what differs.
 *
 * @param paySimStart     the instant of PaySim step 1; step {@code s} is {@code paySimStart + (s - 1) hours}
 * @param paySimCurrency  ISO 4217 code of PaySim amounts (the simulator has none)
 * @param sparkovCurrency ISO 4217 code of Sparkov amounts
 * @param sparkovZone     zone of Sparkov's local {@code trans_date_trans_time}
 * @param sourceName      a name for the input (a file name, say), used only in I/O error messages; it never
 *                        enters transaction ids, so renaming a file does not change them
 */
public record FormatOptions(
        Instant paySimStart,
        String paySimCurrency,
        String sparkovCurrency,
        ZoneId sparkovZone,
        Optional<String> sourceName) {

    /** Default start of PaySim step 1. */
    public static final Instant DEFAULT_PAYSIM_START = Instant.parse("2025-01-01T00:00:00Z");

    /** Default currency of both CSV formats. */
    public static final String DEFAULT_CURRENCY = "USD";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public FormatOptions {
        Objects.requireNonNull(paySimStart, "paySimStart");
        Objects.requireNonNull(sparkovZone, "sparkovZone");
        Objects.requireNonNull(sourceName, "sourceName");
        requireCurrency(paySimCurrency, "paySimCurrency");
        requireCurrency(sparkovCurrency, "sparkovCurrency");
    }

    /** PaySim step 1 at 2025-01-01T00:00:00Z, USD for both CSV formats, Sparkov times in UTC, no source name. */
    public static FormatOptions defaults() {
        return new FormatOptions(DEFAULT_PAYSIM_START, DEFAULT_CURRENCY, DEFAULT_CURRENCY, ZoneOffset.UTC,
                Optional.empty());
    }

    public FormatOptions withPaySimStart(Instant start) {
        return new FormatOptions(start, paySimCurrency, sparkovCurrency, sparkovZone, sourceName);
    }

    public FormatOptions withPaySimCurrency(String currency) {
        return new FormatOptions(paySimStart, currency, sparkovCurrency, sparkovZone, sourceName);
    }

    public FormatOptions withSparkovCurrency(String currency) {
        return new FormatOptions(paySimStart, paySimCurrency, currency, sparkovZone, sourceName);
    }

    public FormatOptions withSparkovZone(ZoneId zone) {
        return new FormatOptions(paySimStart, paySimCurrency, sparkovCurrency, zone, sourceName);
    }

    public FormatOptions withSourceName(String name) {
        return new FormatOptions(paySimStart, paySimCurrency, sparkovCurrency, sparkovZone, Optional.of(name));
    }

    private static void requireCurrency(String currency, String name) {
        Objects.requireNonNull(currency, name);
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(name + " must be an ISO 4217 code of three capital letters");
        }
    }
}
