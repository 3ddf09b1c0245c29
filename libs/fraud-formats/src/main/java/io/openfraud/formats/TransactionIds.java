package io.openfraud.formats;

/**
 * Keeps the transaction ids the readers and the generator derive within the intake contract
 * ({@code common.schema.json#/$defs/transactionId}): no run of 13 or more consecutive digits. Such a run could be a
 * card number (whatever its Luhn digit), and ids travel in clear on every topic and in subject-data reports; a hex
 * hash (PaySim row ids, Sparkov's {@code trans_num}) holds one about once in 25-40 ids. A longer run is split by an
 * underscore after every 12th digit: deterministic, so re-reading a file gives the same ids, and an id without such a
 * run is returned unchanged.
 */
public final class TransactionIds {

    /** The longest run of digits an id may hold (13 could be a card number). */
    public static final int MAX_DIGIT_RUN = 12;

    private TransactionIds() {
    }

    /** {@code id} with an underscore after every 12th digit of a longer run (see the class comment). */
    public static String withoutCardLikeRuns(String id) {
        if (id == null) {
            return null;
        }
        StringBuilder out = null;
        int run = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (isDigit(c)) {
                if (run == MAX_DIGIT_RUN) {
                    if (out == null) {
                        out = new StringBuilder(id.length() + 4).append(id, 0, i);
                    }
                    out.append('_');
                    run = 0;
                }
                run++;
            } else {
                run = 0;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? id : out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
