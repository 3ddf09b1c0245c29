package io.openfraud.formats;

/**
 * Turns the lines of one file format into transactions. Implemented by the format packages; callers use
 * {@link FileFormat#open} instead. {@link TransactionReader} does the reading, numbering and error containment, so a
 * decoder only maps one line at a time and reports problems as {@link MalformedRowException}s.
 *
 * <p>A decoder is used by one reader on one thread and may keep state (the header's column positions).
 */
public interface RowDecoder {

    /** Whether the first non-blank line names the columns instead of holding data. */
    default boolean hasHeader() {
        return false;
    }

    /**
     * Reads the header line. Called once, before any data row, and only if {@link #hasHeader()}.
     *
     * @throws MalformedRowException if the header lacks a column the format needs; every data row then becomes
     *                               malformed with this reason
     */
    default void readHeader(String line) {
    }

    /**
     * Maps one non-blank data line.
     *
     * @param rowNumber 1-based data-row number (the header and blank lines are not counted)
     * @param line      the line without its terminator
     * @throws MalformedRowException if the line does not map to a transaction
     */
    ParsedRow.Parsed decode(long rowNumber, String line);
}
