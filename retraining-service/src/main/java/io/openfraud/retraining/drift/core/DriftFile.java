package io.openfraud.retraining.drift.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A compact file of feature vectors for batch drift, little-endian:
 *
 * <pre>
 * header (24 bytes): magic "OFDRIFT1" (8 ASCII bytes), int32 numeric columns, int32 categorical columns, int64 rows
 * row: numeric values as float32 (reference order of the numeric features), then categorical codes as uint8
 *      (reference order of the categorical features; codes 0 to 255)
 * </pre>
 *
 * <p>With the 40 numeric and 51 categorical features of features-v1 a row is 211 bytes (10M rows: 2.1 GB). float32
 * keeps ~7 significant digits, far finer than any histogram bin.
 */
public final class DriftFile {

    /** Bytes before the first row. */
    public static final int HEADER_BYTES = 24;
    private static final byte[] MAGIC = "OFDRIFT1".getBytes(StandardCharsets.US_ASCII);

    private DriftFile() {
    }

    /**
     * The header.
     *
     * @param numeric     float32 columns per row
     * @param categorical uint8 columns per row
     * @param rows        rows in the file
     */
    public record Header(int numeric, int categorical, long rows) {
        public int rowBytes() {
            return numeric * 4 + categorical;
        }
    }

    public static Header readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && channel.read(b) >= 0) {
                // read the whole header
            }
            b.flip();
            byte[] magic = new byte[8];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a drift file");
            }
            Header h = new Header(b.getInt(), b.getInt(), b.getLong());
            if (channel.size() != HEADER_BYTES + h.rows() * h.rowBytes()) {
                throw new IOException("the file's size does not match its header");
            }
            return h;
        }
    }

    /** Writes the header at the start of {@code buffer} (little-endian). */
    public static void writeHeader(ByteBuffer buffer, Header h) {
        buffer.order(ByteOrder.LITTLE_ENDIAN).put(MAGIC).putInt(h.numeric()).putInt(h.categorical()).putLong(h.rows());
    }
}
