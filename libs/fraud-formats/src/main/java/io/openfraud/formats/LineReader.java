package io.openfraud.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits characters into lines, like {@link java.io.BufferedReader#readLine()} ({@code \n}, {@code \r\n} or
 * {@code \r}), but with a bound on the line length so that a file without line breaks cannot exhaust memory, and with
 * a leading UTF-8 byte-order mark removed.
 */
final class LineReader implements Closeable {

    /** One line; {@code text} is empty when the line was longer than the bound. */
    record Line(String text, boolean tooLong) {
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private boolean started;
    private boolean skipLineFeed;

    LineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or {@code null} at the end of the input. */
    Line next() throws IOException {
        line.setLength(0);
        boolean inLine = false;
        boolean tooLong = false;
        while (true) {
            if (position >= limit && !fill()) {
                return inLine ? finish(tooLong) : null;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            inLine = true;
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int room = maxLength - line.length();
            int length = position - start;
            if (length > room) {
                tooLong = true;
                length = room;
            }
            line.append(buffer, start, length);
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return finish(tooLong);
            }
        }
    }

    private Line finish(boolean tooLong) {
        return tooLong ? new Line("", true) : new Line(line.toString(), false);
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        if (!started) {
            started = true;
            if (buffer[0] == BYTE_ORDER_MARK) {
                position = 1;
                return position < limit || fill();
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
