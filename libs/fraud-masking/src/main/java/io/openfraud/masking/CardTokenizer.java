package io.openfraud.masking;

import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;

/**
 * Turns a card number (PAN) into what PCI DSS v4.0.1 allows the platform to keep: a keyed HMAC token (3.5.1.1,
 * keyed cryptographic hash of the entire PAN), the BIN and the last four digits (3.4.1: at most the BIN and last
 * four are displayed). The PAN itself and the CVV go no further than this call.
 */
public final class CardTokenizer {

    private static final int TOKEN_LENGTH = 32;

    private final KeyedHash hash;

    public CardTokenizer(byte[] key) {
        this.hash = new KeyedHash(key);
    }

    /**
     * Tokenises a PAN given as digits, optionally with spaces or dashes.
     *
     * @throws IllegalArgumentException if it is not 12 to 19 digits (the message never contains the PAN)
     */
    public MaskedCard tokenize(String pan) {
        String digits = pan == null ? "" : pan.replaceAll("[ -]", "");
        if (!digits.matches("\\d{12,19}")) {
            throw new IllegalArgumentException("card.pan must be 12 to 19 digits");
        }
        // PCI DSS allows the first eight digits for PANs of 16 or more digits, six otherwise.
        int binLength = digits.length() >= 16 ? 8 : 6;
        return new MaskedCard("tok_" + hash.hash("pan", digits, TOKEN_LENGTH), digits.substring(0, binLength),
                digits.substring(digits.length() - 4));
    }

    /** Whether {@code digits} passes the Luhn check (ISO/IEC 7812). */
    public static boolean luhnValid(String digits) {
        if (digits == null || !digits.matches("\\d{2,19}")) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
