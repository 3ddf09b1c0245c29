package io.openfraud.formats;

import java.util.Objects;

/**
 * A row (or header) that cannot be mapped. The message is the {@link ParsedRow.Malformed#reason() reason}: a column
 * name and the kind of problem, never the row's content. Thrown by {@link RowDecoder}s, caught by
 * {@link TransactionReader}; it never escapes a reader.
 */
public final class MalformedRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason the column and the kind of problem, e.g. {@code "amt: not a number"}; must not contain any value
     *               read from the file
     */
    public MalformedRowException(String reason) {
        // No stack trace: junk files can produce one of these per row, and the reason says all there is to say.
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
    }

    /** The reason, as it goes into {@link ParsedRow.Malformed#reason()}. */
    public String reason() {
        return getMessage();
    }
}
