package io.openfraud.feature;

import static io.openfraud.feature.Fixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.feature.service.FeatureService;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.features.state.EntityKind;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stream's batch commit against the real Redis: all or nothing, and when another writer changed an entity since
 * the batch was read, the fallback folds every transaction once on the fresh state.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class BatchCommitTest {

    @Inject
    FeatureService features;

    @Inject
    RedisStateStore store;

    @Inject
    RedisDataSource redis;

    private static MaskedTransaction payment(String customer, String counterparty, String at, long amount) {
        return new MaskedTransaction("tx-" + UUID.randomUUID(), Instant.parse(at), TransactionType.PAYMENT, amount,
                "EUR", new MaskedParty(customer), new MaskedParty(counterparty), null);
    }

    @Test
    void aBatchWhoseStateChangedWritesNothingAndTheFallbackFoldsEachTransactionOnce() {
        String customer = customer();
        String shop = Fixtures.randomId("cpt_");
        MaskedTransaction first = payment(customer, shop, "2025-06-01T10:00:00Z", 100);
        MaskedTransaction second = payment(customer, shop, "2025-06-01T10:01:00Z", 200);
        List<FeatureService.Prepared> batch = features.prepare(List.of(first, second));
        assertThat(batch.get(1).features()).containsEntry("customer_txn_count", 1.0)
                .containsEntry("counterparty_txn_count", 1.0);

        // Another replica folds a payment of another customer to the same counterparty in between.
        features.commit(features.prepare(List.of(payment(customer(), shop, "2025-06-01T10:00:30Z", 300))));

        assertThat(store.commitBatch(batch.stream().map(FeatureService.Prepared::fold).toList())).isFalse();
        assertThat(redis.key().exists("fs:tx:" + first.transactionId(), "fs:tx:" + second.transactionId()))
                .isZero();
        assertThat(store.entity(EntityKind.CUSTOMER, customer).count()).isZero();

        features.commit(batch);
        assertThat(store.entity(EntityKind.CUSTOMER, customer).count()).isEqualTo(2);
        assertThat(store.entity(EntityKind.COUNTERPARTY, shop).count()).isEqualTo(3);

        // Committed again (a redelivery after a crash): nothing counts twice.
        features.commit(batch);
        assertThat(features.prepare(List.of(first, second))).isEmpty();
        assertThat(store.entity(EntityKind.COUNTERPARTY, shop).count()).isEqualTo(3);
    }

    @Test
    void anUnchangedBatchIsCommittedWholeWithItsChainedStates() {
        String customer = customer();
        String shop = Fixtures.randomId("cpt_");
        List<MaskedTransaction> transactions = List.of(payment(customer, shop, "2025-06-02T10:00:00Z", 100),
                payment(customer, shop, "2025-06-02T10:05:00Z", 200),
                payment(customer, shop, "2025-06-02T10:10:00Z", 300));
        List<FeatureService.Prepared> batch = features.prepare(transactions);
        assertThat(batch).extracting(p -> p.features().get("customer_txn_count")).containsExactly(0.0, 1.0, 2.0);
        assertThat(store.commitBatch(batch.stream().map(FeatureService.Prepared::fold).toList())).isTrue();
        assertThat(store.entity(EntityKind.CUSTOMER, customer).count()).isEqualTo(3);
        assertThat(store.entity(EntityKind.CUSTOMER, customer).sumMinor()).isEqualTo(600);
        assertThat(features.prepare(transactions)).isEmpty(); // every marker set
    }
}
