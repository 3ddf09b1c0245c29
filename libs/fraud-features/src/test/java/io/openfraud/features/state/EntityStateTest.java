package io.openfraud.features.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntityStateTest {

    private static final long T0 = 1_740_787_200_000L; // 2025-03-01T00:00:00Z
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private static EntityState fold(EntityState s, long millis, long amount, String id) {
        return s.fold(millis, amount, Hashes.of(id), null, "cpt_" + id);
    }

    @Test
    void windowsCountWhatIsInsideToWithinOneBucket() {
        EntityState s = EntityState.EMPTY;
        s = fold(s, T0, 100, "a");
        s = fold(s, T0 + 30 * MIN, 200, "b");
        s = fold(s, T0 + 23 * HOUR, 400, "c");
        long at = T0 + 23 * HOUR + 10 * MIN;
        assertThat(s.windowCount(Windows.H1, at)).isEqualTo(1);
        assertThat(s.windowSumMinor(Windows.H1, at)).isEqualTo(400);
        assertThat(s.windowCount(Windows.H24, at)).isEqualTo(3);
        assertThat(s.windowSumMinor(Windows.H24, at)).isEqualTo(700);
        // 25 h later the first two have left the day, not the week
        assertThat(s.windowCount(Windows.H24, T0 + 25 * HOUR)).isEqualTo(1);
        assertThat(s.windowCount(Windows.D7, T0 + 25 * HOUR)).isEqualTo(3);
        assertThat(s.windowCount(Windows.D7, T0 + 8 * 24 * HOUR)).isZero();
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.sumMinor()).isEqualTo(700);
    }

    @Test
    void meanAndDeviationComeFromExactIntegerMoments() {
        EntityState s = EntityState.EMPTY;
        long[] amounts = {999_999_999_999L, 999_999_999_998L, 1L, 500_000_000_000L};
        for (int i = 0; i < amounts.length; i++) {
            s = fold(s, T0 + i * MIN, amounts[i], "t" + i);
        }
        double mean = (999_999_999_999.0 + 999_999_999_998.0 + 1 + 500_000_000_000.0) / 4;
        assertThat(s.meanMinor()).isEqualTo(mean);
        double variance = 0;
        for (long a : amounts) {
            variance += (a - mean) * (a - mean);
        }
        assertThat(s.stdMinor()).isCloseTo(Math.sqrt(variance / 4), org.assertj.core.data.Percentage.withPercentage(
                1e-9));
    }

    @Test
    void eventsLaterThanTheBoundAreNotFoldedAndAnExpiredEntityStartsAfresh() {
        EntityState s = fold(EntityState.EMPTY, T0 + 3 * HOUR, 100, "a");
        EntityState late = fold(s, T0 + HOUR, 50, "b");
        assertThat(late.count()).isEqualTo(1);
        assertThat(late.lateDropped()).isEqualTo(1);
        EntityState withinBound = fold(s, T0 + 2 * HOUR + 1, 50, "c");
        assertThat(withinBound.count()).isEqualTo(2);
        assertThat(withinBound.lastMillis()).isEqualTo(T0 + 3 * HOUR);

        EntityState expired = fold(s, T0 + 3 * HOUR + EntityState.EXPIRY_MILLIS + 1, 7, "d");
        assertThat(expired.count()).isEqualTo(1);
        assertThat(expired.sumMinor()).isEqualTo(7);
        assertThat(s.asOf(T0 + 3 * HOUR + EntityState.EXPIRY_MILLIS)).isSameAs(s);
    }

    @Test
    void distinctCountsAreExactBelowTheSketchSizeAndEstimatedAbove() {
        EntityState s = EntityState.EMPTY;
        for (int i = 0; i < 20; i++) {
            s = s.fold(T0 + i, 1, Hashes.of("t" + i), null, "cpt_" + (i % 10));
        }
        assertThat(s.distinctOthers()).isEqualTo(10);
        for (int i = 0; i < 5_000; i++) {
            s = s.fold(T0 + i, 1, Hashes.of("u" + i), null, "cpt_many_" + i);
        }
        assertThat(s.distinctOthers()).isBetween(5_010L * 6 / 10, 5_010L * 14 / 10);
        assertThat(EntityStateCodec.encode(s).length).isLessThan(1024);
    }

    @Property
    void theFoldIsOrderIndependentWithinTheLatenessBound(
            @ForAll @Size(min = 1, max = 40) List<@LongRange(min = 0, max = 30 * 24 * 60) Long> minutes,
            @ForAll long seed) {
        List<long[]> events = new ArrayList<>(); // millis, amount, arrival
        Random random = new Random(seed);
        for (int i = 0; i < minutes.size(); i++) {
            long millis = T0 + minutes.get(i) * MIN;
            events.add(new long[] {millis, 1 + random.nextInt(1_000_000), millis + random.nextInt((int) HOUR), i});
        }
        EntityState inOrder = EntityState.EMPTY;
        List<long[]> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparingLong(e -> e[0]));
        for (long[] e : byTime) {
            inOrder = fold(inOrder, e[0], e[1], "t" + e[3]);
        }
        EntityState byArrival = EntityState.EMPTY;
        List<long[]> arrivals = new ArrayList<>(events);
        arrivals.sort(Comparator.comparingLong(e -> e[2]));
        for (long[] e : arrivals) {
            byArrival = fold(byArrival, e[0], e[1], "t" + e[3]);
        }
        assertThat(EntityStateCodec.encode(byArrival)).isEqualTo(EntityStateCodec.encode(inOrder));
        assertThat(byArrival).isEqualTo(inOrder);
    }

    @Property
    void theSerialisedFormRoundTrips(@ForAll @Size(max = 50) List<@LongRange(min = 0, max = 20 * 24 * 60) Long> min,
            @ForAll @IntRange(min = 1, max = 1_000_000) int amount) {
        EntityState s = EntityState.EMPTY;
        long millis = T0;
        for (int i = 0; i < min.size(); i++) {
            millis += min.get(i) * MIN / 8;
            s = s.fold(millis, amount + i, Hashes.of("t" + i), i % 3 == 0 ? null : i, "cpt_" + (i % 7));
        }
        byte[] bytes = EntityStateCodec.encode(s);
        assertThat(EntityStateCodec.decode(bytes)).isEqualTo(s);
        assertThat(EntityStateCodec.encode(EntityStateCodec.decode(bytes))).isEqualTo(bytes);
    }

    @Test
    void corruptBytesAreRefused() {
        byte[] bytes = EntityStateCodec.encode(fold(EntityState.EMPTY, T0, 5, "a"));
        assertThatThrownBy(() -> EntityStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        bytes[0] = 9;
        assertThatThrownBy(() -> EntityStateCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EntityStateCodec.decode(new byte[0])).isSameAs(EntityState.EMPTY);
    }
}
