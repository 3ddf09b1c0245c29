package io.openfraud.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.features.online.InMemoryStateStore;
import io.openfraud.features.online.OnlineFeatures;
import io.openfraud.features.online.Snapshot;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Online equals offline on the project's synthetic generator (realistic mixes of customers, cards, merchants, v2
 * context), masked by the shared masking code: every transaction's online vector equals its offline row, bit for bit.
 */
class SyntheticHistoryEquivalenceTest {

    private static final byte[] PAN_KEY = new byte[32];
    private static final byte[] PSEUDONYM_KEY = "synthetic-history-pseudonym-key!".getBytes();

    @Property
    void onlineVectorsEqualOfflineRows(@ForAll long seed, @ForAll @IntRange(min = 3, max = 60) int customers,
            @ForAll @IntRange(min = 1, max = 600) int gapSeconds) {
        TransactionMasker masker = new TransactionMasker(PAN_KEY, PSEUDONYM_KEY);
        List<MaskedTransaction> history = SyntheticTransactions.stream(new SyntheticTransactions.Options(seed,
                        customers, 0.05, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(gapSeconds)))
                .limit(300).map(l -> masker.mask(l.transaction())).toList();

        Map<String, double[]> offline = new LinkedHashMap<>();
        try (OfflineBuilder<Void> builder = new OfflineBuilder<>((t, tag, v) -> offline.put(t.transactionId(), v))) {
            history.forEach(t -> builder.accept(t, null));
        }

        List<MaskedTransaction> arrival = new ArrayList<>(history);
        arrival.sort(java.util.Comparator.comparing(MaskedTransaction::timestamp)); // stable: ties keep their order
        InMemoryStateStore store = new InMemoryStateStore();
        for (MaskedTransaction t : arrival) {
            Snapshot before = store.load(t);
            double[] online = OnlineFeatures.vector(t, before);
            OnlineFeatures.foldOnce(store, t, before);
            assertThat(online).as(t.transactionId()).isEqualTo(offline.get(t.transactionId()));
        }
        assertThat(offline).hasSize(history.size());
    }
}
