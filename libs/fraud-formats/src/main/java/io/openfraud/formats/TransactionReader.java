package io.openfraud.formats;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a file row by row, lazily, in constant memory (one line at a time, at most {@value #MAX_LINE_LENGTH}
 * characters). Open one with {@link FileFormat#open}; iterate it, or use {@link #stream()}; close it when done.
 *
 * <p>Every non-blank line after the header (if the format has one) is a data row and yields exactly one
 * {@link ParsedRow}: a row that cannot be mapped becomes {@link ParsedRow.Malformed} and reading goes on, so
 * {@code parsed + malformed} always equals the number of data rows. Blank lines (empty or whitespace only) are skipped
 * and not counted, so row numbers, and the ids derived from them, do not move when blank lines come and go. A header
 * that lacks a needed column makes every data row malformed with the header's reason, rather than failing: the caller
 * sees the count and the reason in its usual report.
 *
 * <p>Besides {@link NoSuchElementException} from {@link #next()} past the end, the only exception a reader throws is
 * {@link UncheckedIOException} when the underlying input fails; its message names the source, never a row. Not
 * thread-safe.
 */
public final class TransactionReader implements Iterator<ParsedRow>, AutoCloseable {

    /** Longest line read, in characters; a longer line is one malformed row. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    private final LineReader lines;
    private final RowDecoder decoder;
    private final String sourceName;
    private boolean headerDone;
    private String headerProblem;
    private long rowNumber;
    private ParsedRow next;

    TransactionReader(Reader in, RowDecoder decoder, String sourceName) {
        this.lines = new LineReader(in, MAX_LINE_LENGTH);
        this.decoder = decoder;
        this.sourceName = sourceName;
        this.headerDone = !decoder.hasHeader();
    }

    /**
     * @throws UncheckedIOException if the input cannot be read
     */
    @Override
    public boolean hasNext() {
        while (next == null) {
            LineReader.Line line = readLine();
            if (line == null) {
                return false;
            }
            if (line.text().isBlank() && !line.tooLong()) {
                continue;
            }
            if (!headerDone) {
                headerDone = true;
                headerProblem = readHeader(line);
                continue;
            }
            rowNumber++;
            next = decode(rowNumber, line);
        }
        return true;
    }

    /**
     * @throws NoSuchElementException at the end of the input
     * @throws UncheckedIOException   if the input cannot be read
     */
    @Override
    public ParsedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ParsedRow row = next;
        next = null;
        return row;
    }

    /** The remaining rows as a sequential, lazy stream; closing the stream closes this reader. */
    public Stream<ParsedRow> stream() {
        Spliterator<ParsedRow> rows = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(rows, false).onClose(this::close);
    }

    /** Closes the underlying input. */
    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + sourceName, e);
        }
    }

    private LineReader.Line readLine() {
        try {
            return lines.next();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceName, e);
        }
    }

    private String readHeader(LineReader.Line line) {
        if (line.tooLong()) {
            return "header: longer than " + MAX_LINE_LENGTH + " characters";
        }
        try {
            decoder.readHeader(line.text());
            return null;
        } catch (MalformedRowException e) {
            return e.reason();
        } catch (RuntimeException e) {
            return "header: cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }

    private ParsedRow decode(long number, LineReader.Line line) {
        if (line.tooLong()) {
            return new ParsedRow.Malformed(number, "row: longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (headerProblem != null) {
            return new ParsedRow.Malformed(number, headerProblem);
        }
        try {
            return decoder.decode(number, line.text());
        } catch (MalformedRowException e) {
            return new ParsedRow.Malformed(number, e.reason());
        } catch (RuntimeException e) {
            // A decoder bug must not stop an import of millions of rows. Only the class name is kept: messages of
            // library exceptions (NumberFormatException, DateTimeParseException...) quote the offending input.
            return new ParsedRow.Malformed(number, "row: cannot be decoded (" + e.getClass().getSimpleName() + ")");
        }
    }
}
