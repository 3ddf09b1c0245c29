package io.openfraud.feature;

import static io.openfraud.feature.Fixtures.ENRICHED;
import static io.openfraud.feature.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.Topics;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.TopicTail;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A short synthetic history through the real service (Kafka, Redis, the Lua fold) gives exactly the vectors the
 * offline builder computes for it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class OnlineOfflineServiceTest {

    @Test
    void theServiceEnrichesAHistoryExactlyAsTheOfflineBuilderRowsIt() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key); // fresh pseudonyms: no state from other tests
        TransactionMasker masker = new TransactionMasker(key, key);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<MaskedTransaction> history = SyntheticTransactions.stream(new SyntheticTransactions.Options(42, 6, 0.05,
                        Instant.parse("2025-06-01T00:00:00Z"), Duration.ofSeconds(90)))
                .limit(60).map(l -> masker.mask(l.transaction())).map(t -> renamed(t, run))
                .sorted(Comparator.comparing(MaskedTransaction::timestamp)).toList();

        Map<String, Map<String, Double>> offline = new LinkedHashMap<>();
        try (OfflineBuilder<Void> builder = new OfflineBuilder<>(
                (t, tag, values) -> offline.put(t.transactionId(), FeatureSet.asMap(values)))) {
            history.forEach(t -> builder.accept(t, null));
        }

        Map<String, Map<String, Double>> online;
        try (TopicTail enriched = Infra.kafka().tail(Topics.TRANSACTIONS_ENRICHED_NAME)) {
            // One record key, so one partition and one order: the counterparty and card states are shared by
            // customers, and only a common order makes every entity see the offline sequence.
            history.forEach(t -> Fixtures.publish(t, "history-" + run));
            online = enriched.next(history.size(), WAIT).stream().map(r -> ENRICHED.decode(r.value()).payload())
                    .collect(Collectors.toMap(EnrichedTransaction::transactionId, EnrichedTransaction::features,
                            (a, b) -> a, LinkedHashMap::new));
        }
        assertThat(online.keySet()).containsExactlyInAnyOrderElementsOf(offline.keySet()); // enriched is keyed by customer
        online.forEach((id, features) -> assertThat(features).as(id).containsExactlyEntriesOf(offline.get(id)));
        assertThat(offline.values()).anySatisfy(f -> assertThat(f.get("card_txn_count")).isPositive())
                .anySatisfy(f -> assertThat(f.get("counterparty_fan_in")).isGreaterThan(1.0));
    }

    private static MaskedTransaction renamed(MaskedTransaction t, String run) {
        return new MaskedTransaction(run + "-" + t.transactionId(), t.timestamp(), t.type(), t.amountMinor(),
                t.currency(), t.customer(), t.counterparty(), t.card(), t.context());
    }
}
