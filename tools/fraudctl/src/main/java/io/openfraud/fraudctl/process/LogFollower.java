package io.openfraud.fraudctl.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the lines a process appends to its log file, from the offset where its run began. The child writes the file
 * directly (not through a pipe to fraudctl), so a detached child keeps logging after fraudctl has gone.
 */
final class LogFollower {

    /** A longer line is cut: a runaway line must not exhaust fraudctl's heap. */
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int TAIL_BYTES = 64 * 1024;

    private final Path file;
    private final long start;
    private long offset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LogFollower(Path file, long start) {
        this.file = file;
        this.start = start;
        this.offset = start;
    }

    /** The complete lines written since the last call. */
    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            int read;
            while ((read = channel.read(buffer)) > 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        lines.add(stripCarriageReturn(partial.toString(StandardCharsets.UTF_8)));
                        partial.reset();
                    } else if (partial.size() < MAX_LINE_BYTES) {
                        partial.write(b);
                    }
                }
                offset += read;
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            // deleted under us: nothing to read
        }
        return lines;
    }

    /** The last {@code count} lines of this run (for error messages). */
    List<String> tail(int count) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long from = Math.max(start, channel.size() - TAIL_BYTES);
            channel.position(from);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, channel.size() - from));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    last.addLast(stripCarriageReturn(line));
                    if (last.size() > count) {
                        last.removeFirst();
                    }
                }
            }
            return List.copyOf(last);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
