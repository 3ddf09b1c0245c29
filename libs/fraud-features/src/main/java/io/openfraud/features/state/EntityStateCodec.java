package io.openfraud.features.state;

import java.util.Arrays;

/**
 * The serialised form of an {@link EntityState}, shared by the online store and the offline builder: one byte array,
 * varint-encoded (LEB128; zig-zag for signed values), bucket indexes delta-encoded.
 *
 * <pre>
 * version(1)=1 | count | lastMillis(zz) | lastTxHash(4) | lastDistanceKm(zz) | sumMinor | sumSqHi(8) | sumSqLo(8)
 * | lateDropped | per window: n, then n x (indexDelta(zz), count, sum(zz)) | sketch n, then n x hash(4)
 * </pre>
 *
 * A customer with one transaction takes about 60 bytes (146 on average in FeatureBench); the bound is about 81 buckets x ~8 bytes + 32 x 4 bytes of
 * sketch, under 1 KB. The empty state encodes as zero bytes (the store then holds no key).
 */
public final class EntityStateCodec {

    static final int FORMAT = 1;

    private EntityStateCodec() {
    }

    public static byte[] encode(EntityState s) {
        if (s.count == 0 && s.lateDropped == 0) {
            return new byte[0];
        }
        Out out = new Out();
        out.write(FORMAT);
        out.varLong(s.count);
        out.zigZag(s.lastMillis);
        out.fixedInt(s.lastTxHash);
        out.zigZag(s.lastDistanceKm);
        out.varLong(s.sumMinor);
        out.fixedLong(s.sumSqHi);
        out.fixedLong(s.sumSqLo);
        out.varLong(s.lateDropped);
        for (EntityState.Buckets b : s.buckets) {
            out.varLong(b.size());
            long previous = 0;
            for (int k = 0; k < b.size(); k++) {
                out.zigZag(b.index()[k] - previous);
                previous = b.index()[k];
                out.varLong(b.count()[k]);
                out.zigZag(b.sum()[k]);
            }
        }
        out.varLong(s.sketch.length);
        for (int h : s.sketch) {
            out.fixedInt(h);
        }
        return out.toArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a state this version can read
     */
    public static EntityState decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return EntityState.EMPTY;
        }
        try {
            In in = new In(bytes);
            int format = in.read();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown entity state format " + format);
            }
            long count = in.varLong();
            long lastMillis = in.zigZag();
            int lastTxHash = in.fixedInt();
            int lastDistance = (int) in.zigZag();
            long sum = in.varLong();
            long hi = in.fixedLong();
            long lo = in.fixedLong();
            long late = in.varLong();
            EntityState.Buckets[] buckets = new EntityState.Buckets[Windows.ALL.size()];
            for (int w = 0; w < buckets.length; w++) {
                int n = Math.toIntExact(in.varLong());
                long[] index = new long[n];
                long[] counts = new long[n];
                long[] sums = new long[n];
                long previous = 0;
                for (int k = 0; k < n; k++) {
                    previous += in.zigZag();
                    index[k] = previous;
                    counts[k] = in.varLong();
                    sums[k] = in.zigZag();
                }
                buckets[w] = n == 0 ? EntityState.Buckets.NONE : new EntityState.Buckets(index, counts, sums);
            }
            int n = Math.toIntExact(in.varLong());
            if (n > EntityState.SKETCH_SIZE) {
                throw new IllegalArgumentException("sketch too large");
            }
            int[] sketch = new int[n];
            for (int k = 0; k < n; k++) {
                sketch[k] = in.fixedInt();
            }
            if (in.pos != bytes.length) {
                throw new IllegalArgumentException("trailing bytes in entity state");
            }
            return new EntityState(count, lastMillis, lastTxHash, lastDistance, sum, hi, lo, late, buckets, sketch);
        } catch (ArrayIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("truncated or corrupt entity state", e);
        }
    }

    private static final class Out {
        private byte[] buf = new byte[64];
        private int len;

        void write(int b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
        }

        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void zigZag(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        void fixedInt(int v) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                write(v >>> shift);
            }
        }

        void fixedLong(long v) {
            fixedInt((int) (v >>> 32));
            fixedInt((int) v);
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static final class In {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int read() {
            return buf[pos++] & 0xff;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        long zigZag() {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        int fixedInt() {
            return (read() << 24) | (read() << 16) | (read() << 8) | read();
        }

        long fixedLong() {
            return ((long) fixedInt() << 32) | (fixedInt() & 0xFFFFFFFFL);
        }
    }
}
