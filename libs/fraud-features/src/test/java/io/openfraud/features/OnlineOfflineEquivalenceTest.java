package io.openfraud.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.features.online.InMemoryStateStore;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.openfraud.features.online.StateStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * The promise of the library: a transaction's online vector (the service's path: read, vector, fold once, over a store
 * of serialised states, with redeliveries) equals its offline row, bit for bit.
 */
class OnlineOfflineEquivalenceTest {

    @Provide
    Arbitrary<List<MaskedTransaction>> histories() {
        return Histories.sorted(60);
    }

    @Property
    void onlineVectorsEqualOfflineRowsExactly(@ForAll("histories") List<MaskedTransaction> history,
            @ForAll long seed) {
        Map<String, double[]> offline = new LinkedHashMap<>();
        try (OfflineBuilder<Void> builder = new OfflineBuilder<>((t, tag, values) -> offline.put(t.transactionId(),
                values))) {
            // the offline builder gets the history in any order within the lateness bound
            for (MaskedTransaction t : shuffledWithinTies(history, seed)) {
                builder.accept(t, null);
            }
        }

        InMemoryStateStore store = new InMemoryStateStore();
        Map<String, double[]> online = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (MaskedTransaction t : history) {
            int deliveries = random.nextInt(4) == 0 ? 2 : 1; // redeliveries and SYNC copies
            for (int d = 0; d < deliveries; d++) {
                Snapshot before = store.load(t);
                if (before.folded()) {
                    continue;
                }
                online.put(t.transactionId(), OnlineFeatures.vector(t, before));
                assertThat(OnlineFeatures.foldOnce(store, t, before)).isEqualTo(StateStore.Commit.FOLDED);
            }
        }

        assertThat(online.keySet()).containsExactlyInAnyOrderElementsOf(offline.keySet());
        for (var entry : online.entrySet()) {
            double[] expected = offline.get(entry.getKey());
            for (int i = 0; i < expected.length; i++) {
                assertThat(Double.doubleToRawLongBits(entry.getValue()[i]))
                        .as("%s %s", entry.getKey(), FeatureSet.names().get(i))
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
    }

    /** The same history with transactions at equal timestamps kept in order, others moved less than an hour. */
    private static List<MaskedTransaction> shuffledWithinTies(List<MaskedTransaction> history, long seed) {
        // Offline processing is by (event time, input order), so any input order that keeps equal timestamps in
        // their relative order must give the same rows; reverse blocks of distinct timestamps.
        List<List<MaskedTransaction>> groups = new ArrayList<>();
        for (MaskedTransaction t : history) {
            if (groups.isEmpty() || !groups.get(groups.size() - 1).get(0).timestamp().equals(t.timestamp())) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(t);
        }
        Random random = new Random(seed);
        for (int i = 0; i + 1 < groups.size(); i++) {
            long gap = groups.get(i + 1).get(0).timestamp().toEpochMilli()
                    - groups.get(i).get(0).timestamp().toEpochMilli();
            if (gap < 30 * 60_000L && random.nextBoolean()) {
                Collections.swap(groups, i, i + 1);
                i++;
            }
        }
        return groups.stream().flatMap(List::stream).toList();
    }
}
