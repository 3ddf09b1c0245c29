package io.openfraud.features.state;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the platform knows about one entity (a customer, a counterparty or a card token) from the transactions folded
 * into it: a plain, immutable value. {@link #fold} gives the state after one more transaction; {@link EntityStateCodec}
 * turns it into the compact bytes that the online store (one Redis string per entity) and the offline builder share.
 *
 * <p>Every part of the fold is commutative for events within the lateness bound: integer counts and sums, 128-bit
 * integer sums of squares (instead of Welford's floating-point recurrence, whose result depends on the order of the
 * updates), time buckets, the latest event chosen by (event time, transaction hash), and a k-minimum-values sketch. So
 * a set of events that arrive at most {@link #LATENESS_MILLIS} out of order leaves the same state, bit for bit,
 * whatever the order of arrival. Nothing here uses floating point; features are derived from it in
 * {@code io.openfraud.features.FeatureSet}.
 *
 * <p>Bounded lateness: an event older than the entity's latest event minus {@link #LATENESS_MILLIS} (one hour) is not
 * folded in (it only increments {@link #lateDropped()}); its own vector is still computed. Expiry: an entity silent for
 * more than {@link #EXPIRY_MILLIS} (8 days, the longest window plus a margin) in event time starts afresh, online and
 * offline alike; the store's TTL only collects the garbage.
 */
public final class EntityState {

    /** How far behind an entity's latest event an event may arrive and still be folded in: one hour. */
    public static final long LATENESS_MILLIS = 3_600_000L;
    /** Event-time silence after which an entity's state is forgotten: 8 days (7-day window + lateness + margin). */
    public static final long EXPIRY_MILLIS = 8L * 24 * 3_600_000L;
    /** Hashes kept by the distinct-count sketch: exact below this many, about 18 % relative error above. */
    public static final int SKETCH_SIZE = 32;
    /** {@link #lastDistanceKm()} when unknown. */
    public static final int NO_DISTANCE = -1;

    /** An entity never seen. */
    public static final EntityState EMPTY = new EntityState(0, 0, 0, NO_DISTANCE, 0, 0, 0, 0, emptyBuckets(),
            new int[0]);

    final long count;
    final long lastMillis;
    final int lastTxHash;
    final int lastDistanceKm;
    final long sumMinor;
    final long sumSqHi;
    final long sumSqLo;
    final long lateDropped;
    /** Per window: sorted bucket indexes, their counts and sums (minor units). Only non-empty buckets. */
    final Buckets[] buckets;
    /** Smallest distinct hashes of the other parties seen, ascending as unsigned ints. */
    final int[] sketch;

    EntityState(long count, long lastMillis, int lastTxHash, int lastDistanceKm, long sumMinor, long sumSqHi,
            long sumSqLo, long lateDropped, Buckets[] buckets, int[] sketch) {
        this.count = count;
        this.lastMillis = lastMillis;
        this.lastTxHash = lastTxHash;
        this.lastDistanceKm = lastDistanceKm;
        this.sumMinor = sumMinor;
        this.sumSqHi = sumSqHi;
        this.sumSqLo = sumSqLo;
        this.lateDropped = lateDropped;
        this.buckets = buckets;
        this.sketch = sketch;
    }

    /** Buckets of one window: parallel arrays, sorted by index. */
    record Buckets(long[] index, long[] count, long[] sum) {

        static final Buckets NONE = new Buckets(new long[0], new long[0], new long[0]);

        int size() {
            return index.length;
        }

        Buckets add(long bucket, long amount, long firstKept) {
            int at = Arrays.binarySearch(index, bucket);
            long[] i2;
            long[] c2;
            long[] s2;
            if (at >= 0) {
                i2 = index.clone();
                c2 = count.clone();
                s2 = sum.clone();
                c2[at]++;
                s2[at] = saturatedAdd(s2[at], amount);
            } else {
                int pos = -at - 1;
                int n = index.length;
                i2 = new long[n + 1];
                c2 = new long[n + 1];
                s2 = new long[n + 1];
                System.arraycopy(index, 0, i2, 0, pos);
                System.arraycopy(count, 0, c2, 0, pos);
                System.arraycopy(sum, 0, s2, 0, pos);
                i2[pos] = bucket;
                c2[pos] = 1;
                s2[pos] = amount;
                System.arraycopy(index, pos, i2, pos + 1, n - pos);
                System.arraycopy(count, pos, c2, pos + 1, n - pos);
                System.arraycopy(sum, pos, s2, pos + 1, n - pos);
            }
            int from = 0;
            while (from < i2.length && i2[from] < firstKept) {
                from++;
            }
            return from == 0 ? new Buckets(i2, c2, s2)
                    : new Buckets(Arrays.copyOfRange(i2, from, i2.length), Arrays.copyOfRange(c2, from, c2.length),
                            Arrays.copyOfRange(s2, from, s2.length));
        }

        /** Count and sum of buckets in {@code [from, to]}. */
        long[] total(long from, long to) {
            long c = 0;
            long s = 0;
            for (int k = 0; k < index.length; k++) {
                if (index[k] >= from && index[k] <= to) {
                    c += count[k];
                    s = saturatedAdd(s, sum[k]);
                }
            }
            return new long[] {c, s};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Buckets b && Arrays.equals(index, b.index) && Arrays.equals(count, b.count)
                    && Arrays.equals(sum, b.sum);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(index), Arrays.hashCode(count), Arrays.hashCode(sum));
        }
    }

    private static Buckets[] emptyBuckets() {
        Buckets[] b = new Buckets[Windows.ALL.size()];
        Arrays.fill(b, Buckets.NONE);
        return b;
    }

    /**
     * The state as it stands for an event at {@code epochMillis}: {@link #EMPTY} if the entity was silent for longer
     * than {@link #EXPIRY_MILLIS} before it.
     */
    public EntityState asOf(long epochMillis) {
        return count > 0 && epochMillis - lastMillis > EXPIRY_MILLIS ? EMPTY : this;
    }

    /** Whether an event at {@code epochMillis} is too late to be folded in. */
    public boolean tooLate(long epochMillis) {
        return count > 0 && epochMillis < lastMillis - LATENESS_MILLIS;
    }

    /**
     * The state after one more transaction (see the class comment for lateness and expiry).
     *
     * @param epochMillis  event time
     * @param amountMinor  amount, minor units, positive
     * @param txHash       {@link Hashes#of} of the transaction id (breaks ties between events at the same time)
     * @param distanceKm   distance from the customer's home, or null
     * @param otherParty   the other side for the distinct-count sketch (the counterparty of a customer or card,
     *                     the customer of a counterparty)
     */
    public EntityState fold(long epochMillis, long amountMinor, int txHash, Integer distanceKm, String otherParty) {
        EntityState s = asOf(epochMillis);
        if (s.tooLate(epochMillis)) {
            return new EntityState(s.count, s.lastMillis, s.lastTxHash, s.lastDistanceKm, s.sumMinor, s.sumSqHi,
                    s.sumSqLo, s.lateDropped + 1, s.buckets, s.sketch);
        }
        boolean newest = s.count == 0 || epochMillis > s.lastMillis
                || (epochMillis == s.lastMillis && Integer.compareUnsigned(txHash, s.lastTxHash) > 0);
        long latest = s.count == 0 ? epochMillis : Math.max(s.lastMillis, epochMillis);
        Buckets[] b = new Buckets[s.buckets.length];
        for (Windows w : Windows.ALL) {
            b[w.ordinal()] = s.buckets[w.ordinal()].add(w.bucketOf(epochMillis), amountMinor, w.firstKept(latest));
        }
        long sqLo = amountMinor * amountMinor;
        long sqHi = Math.multiplyHigh(amountMinor, amountMinor);
        long lo = s.sumSqLo + sqLo;
        long hi = s.sumSqHi + sqHi + (Long.compareUnsigned(lo, s.sumSqLo) < 0 ? 1 : 0);
        return new EntityState(s.count + 1,
                newest ? epochMillis : s.lastMillis,
                newest ? txHash : s.lastTxHash,
                newest ? (distanceKm == null ? NO_DISTANCE : distanceKm) : s.lastDistanceKm,
                saturatedAdd(s.sumMinor, amountMinor), hi, lo, s.lateDropped, b,
                otherParty == null ? s.sketch : addToSketch(s.sketch, Hashes.of(otherParty)));
    }

    private static int[] addToSketch(int[] sketch, int hash) {
        int pos = 0;
        while (pos < sketch.length && Integer.compareUnsigned(sketch[pos], hash) < 0) {
            pos++;
        }
        if (pos < sketch.length && sketch[pos] == hash) {
            return sketch;
        }
        if (pos >= SKETCH_SIZE) {
            return sketch;
        }
        int n = Math.min(sketch.length + 1, SKETCH_SIZE);
        int[] next = new int[n];
        System.arraycopy(sketch, 0, next, 0, pos);
        next[pos] = hash;
        System.arraycopy(sketch, pos, next, pos + 1, n - pos - 1);
        return next;
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (r < 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }

    /** Transactions folded in since the entity was last forgotten. */
    public long count() {
        return count;
    }

    /** Event time of the latest transaction folded in; meaningless when {@link #count()} is 0. */
    public long lastMillis() {
        return lastMillis;
    }

    /** Distance from home of the latest transaction, or {@link #NO_DISTANCE}. */
    public int lastDistanceKm() {
        return lastDistanceKm;
    }

    /** Sum of amounts, minor units (saturates at {@link Long#MAX_VALUE}). */
    public long sumMinor() {
        return sumMinor;
    }

    /** Events refused for arriving later than the lateness bound. */
    public long lateDropped() {
        return lateDropped;
    }

    /** Count of folded transactions in {@code window} as seen at {@code epochMillis} (see {@link Windows}). */
    public long windowCount(Windows window, long epochMillis) {
        return buckets[window.ordinal()].total(window.firstCounted(epochMillis), window.bucketOf(epochMillis))[0];
    }

    /** Sum of amounts, minor units, in {@code window} as seen at {@code epochMillis}. */
    public long windowSumMinor(Windows window, long epochMillis) {
        return buckets[window.ordinal()].total(window.firstCounted(epochMillis), window.bucketOf(epochMillis))[1];
    }

    /** Mean amount, minor units; 0 when empty. */
    public double meanMinor() {
        return count == 0 ? 0.0 : (double) sumMinor / count;
    }

    /**
     * Population standard deviation of amounts, minor units, from the exact integer moments:
     * {@code sqrt((n * sum(x^2) - sum(x)^2) / n^2)}, computed with exact integers and one final rounding.
     */
    public double stdMinor() {
        if (count < 2) {
            return 0.0;
        }
        BigInteger n = BigInteger.valueOf(count);
        BigInteger sumSq = BigInteger.valueOf(sumSqHi).shiftLeft(64).or(unsigned(sumSqLo));
        BigInteger sum = BigInteger.valueOf(sumMinor);
        BigInteger numerator = n.multiply(sumSq).subtract(sum.multiply(sum));
        if (numerator.signum() <= 0) {
            return 0.0;
        }
        return Math.sqrt(numerator.doubleValue()) / count;
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** Distinct other parties: exact below {@link #SKETCH_SIZE}, a k-minimum-values estimate above. */
    public long distinctOthers() {
        if (sketch.length < SKETCH_SIZE) {
            return sketch.length;
        }
        double kth = (Integer.toUnsignedLong(sketch[SKETCH_SIZE - 1]) + 1.0) / 4_294_967_296.0;
        return Math.round((SKETCH_SIZE - 1) / kth);
    }

    /** Non-empty buckets held, across windows (for sizing). */
    public int bucketCount() {
        int n = 0;
        for (Buckets b : buckets) {
            n += b.size();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityState s && count == s.count && lastMillis == s.lastMillis
                && lastTxHash == s.lastTxHash && lastDistanceKm == s.lastDistanceKm && sumMinor == s.sumMinor
                && sumSqHi == s.sumSqHi && sumSqLo == s.sumSqLo && lateDropped == s.lateDropped
                && Arrays.equals(buckets, s.buckets) && Arrays.equals(sketch, s.sketch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, lastMillis, sumMinor, Arrays.hashCode(sketch));
    }

    @Override
    public String toString() {
        return "EntityState[count=" + count + ", lastMillis=" + lastMillis + ", sumMinor=" + sumMinor
                + ", buckets=" + bucketCount() + ", sketch=" + sketch.length + ", lateDropped=" + lateDropped + "]";
    }
}
