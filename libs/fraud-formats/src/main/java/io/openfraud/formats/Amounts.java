package io.openfraud.formats;

import java.math.BigDecimal;

/**
 * Reads money amounts and balances with bounds. The bounds are there because a decimal is cheap to read and expensive
 * to print: {@code 1e999999999} is a valid number that turns into a billion characters once something calls
 * {@link BigDecimal#toPlainString()}, and a million-digit cell takes seconds to parse.
 */
public final class Amounts {

    /** Most digits before the decimal point: 10^20 is far above any real amount or balance. */
    public static final int MAX_INTEGER_DIGITS = 20;

    /** Most digits after the decimal point. */
    public static final int MAX_FRACTION_DIGITS = 18;

    // Longest text worth handing to BigDecimal: all digits of both parts, a sign, a point and an exponent.
    private static final int MAX_TEXT_LENGTH = MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 16;

    private Amounts() {
    }

    /**
     * Parses a decimal number ({@code 12.5}, {@code -3}, {@code 1.0E7}).
     *
     * @param text  the value, already trimmed
     * @param field the column or field name, for the reason
     * @throws MalformedRowException {@code "<field>: not a number"} or {@code "<field>: too many digits"}
     */
    public static BigDecimal parse(String text, String field) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new MalformedRowException(field + ": too many digits");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            // The exception's message quotes the text: it must not reach the reason.
            throw new MalformedRowException(field + ": not a number");
        }
        return check(value, field);
    }

    /**
     * Checks the bounds of a number that is already parsed (from JSON, say).
     *
     * @return {@code value}, unchanged
     * @throws MalformedRowException {@code "<field>: too many digits"} if it has more than
     *                               {@value #MAX_INTEGER_DIGITS} integer or {@value #MAX_FRACTION_DIGITS} fraction
     *                               digits
     */
    public static BigDecimal check(BigDecimal value, String field) {
        // precision - scale is the number of integer digits (negative for 0.001); computed in long, it cannot overflow.
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
            throw new MalformedRowException(field + ": too many digits");
        }
        return value;
    }
}
