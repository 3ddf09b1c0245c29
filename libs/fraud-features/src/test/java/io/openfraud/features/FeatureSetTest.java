package io.openfraud.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction.Channel;
import io.openfraud.events.transaction.TransactionType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

class FeatureSetTest {

    private static MaskedTransaction tx(String id, String at, long amount, MaskedParty customer, MaskedCard card,
            MaskedContext context) {
        return new MaskedTransaction(id, Instant.parse(at), TransactionType.TRANSFER, amount, "EUR", customer,
                new MaskedParty("cpt_shop"), card, context);
    }

    @Test
    void namesAreUniqueIdentifiersAndKeepWhatScoringReads() {
        List<String> names = FeatureSet.names();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(n -> n.matches("[a-z][a-z0-9_]*"))
                .contains("amount_log", "customer_txn_count", "has_previous", "seconds_since_previous");
        assertThat(FeatureSet.features()).allMatch(f -> !f.definition().isBlank());
        assertThat(FeatureSet.VERSION).isEqualTo("features-v2");
    }

    @Test
    void aFirstTransactionHasDefaultsAndItsMissingFlags() {
        MaskedTransaction t = tx("t1", "2025-03-05T14:30:00Z", 12_345, new MaskedParty("cus_a"), null, null);
        Map<String, Double> f = FeatureSet.computeMap(t, EntityStates.EMPTY);
        assertThat(f).containsEntry("amount", 123.45).containsEntry("amount_log", Math.log1p(123.45))
                .containsEntry("type_transfer", 1.0).containsEntry("type_payment", 0.0)
                .containsEntry("hour_of_day", 14.0).containsEntry("day_of_week", 2.0)
                .containsEntry("customer_txn_count", 0.0).containsEntry("has_previous", 0.0)
                .containsEntry("customer_history_missing", 1.0).containsEntry("card_missing", 1.0)
                .containsEntry("customer_balance_missing", 1.0).containsEntry("distance_home_missing", 1.0)
                .containsEntry("age_missing", 1.0).containsEntry("channel_missing", 1.0)
                .containsEntry("merchant_category_missing", 1.0).containsEntry("age_band", 0.0);
    }

    @Test
    void featuresComeFromTheStateStrictlyBefore() {
        MaskedCard card = new MaskedCard("tok_abcdefgh", "411111", "1111");
        MaskedContext home = new MaskedContext(Channel.POS, "grocery_pos", 12, 41, 2_100_000L, "dev_x", null);
        MaskedTransaction first = tx("t1", "2025-03-05T14:30:00Z", 10_000,
                new MaskedParty("cus_a", 100_000L, 90_000L), card, home);
        MaskedContext far = new MaskedContext(Channel.ONLINE, "5411", 412, 41, null, null, null);
        MaskedTransaction second = tx("t2", "2025-03-05T14:35:00Z", 30_000,
                new MaskedParty("cus_a", 90_000L, 0L), card, far);
        EntityStates after = FeatureSet.fold(first, EntityStates.EMPTY, true);
        Map<String, Double> f = FeatureSet.computeMap(second, after);
        assertThat(f).containsEntry("customer_txn_count", 1.0).containsEntry("has_previous", 1.0)
                .containsEntry("seconds_since_previous", 300.0).containsEntry("customer_count_1h", 1.0)
                .containsEntry("customer_amount_sum_log_1h", Math.log1p(100.0))
                .containsEntry("customer_amount_to_mean", 3.0).containsEntry("card_txn_count", 1.0)
                .containsEntry("card_missing", 0.0).containsEntry("counterparty_fan_in", 1.0)
                .containsEntry("customer_distinct_counterparties", 1.0)
                .containsEntry("distance_home_km", 412.0).containsEntry("distance_delta_prev_km", 400.0)
                .containsEntry("distance_delta_prev_missing", 0.0).containsEntry("age_band", 4.0)
                .containsEntry("channel_online", 1.0).containsEntry("merchant_category_other", 1.0)
                .containsEntry("customer_balance_error_log", Math.log1p(600.0))
                .containsEntry("customer_balance_error_nonzero", 1.0).containsEntry("customer_amount_is_balance", 0.0)
                .containsEntry("customer_balance_emptied", 1.0).containsEntry("counterparty_balance_missing", 1.0)
                .containsEntry("counterparty_balance_unchanged", 0.0)
                .containsEntry("customer_balance_missing", 0.0).containsEntry("ip_missing", 1.0);
        // the first one's own vector knew nothing of the second
        assertThat(FeatureSet.computeMap(first, EntityStates.EMPTY)).containsEntry("customer_txn_count", 0.0);
    }

    @Test
    void balanceFeaturesFlagAWholeBalanceMovedToAnUnchangedAccountAndLogTheErrors() {
        // the PaySim pattern: the amount is the customer's whole balance, the receiving balance does not move
        MaskedTransaction drain = new MaskedTransaction("t1", Instant.parse("2025-03-05T14:30:00Z"),
                TransactionType.TRANSFER, 181_00, "EUR", new MaskedParty("cus_a", 181_00L, 0L),
                new MaskedParty("cpt_b", 0L, 0L), null, null);
        assertThat(FeatureSet.computeMap(drain, EntityStates.EMPTY))
                .containsEntry("customer_amount_is_balance", 1.0).containsEntry("customer_balance_emptied", 1.0)
                .containsEntry("customer_balance_error_log", 0.0).containsEntry("customer_balance_error_nonzero", 0.0)
                .containsEntry("counterparty_balance_unchanged", 1.0)
                .containsEntry("counterparty_balance_error_log", Math.log1p(181.0))
                .containsEntry("counterparty_balance_error_nonzero", 1.0)
                .containsEntry("counterparty_balance_missing", 0.0);

        // a consistent payment: nothing flagged; a negative error keeps its sign
        MaskedTransaction paid = new MaskedTransaction("t2", Instant.parse("2025-03-05T14:30:00Z"),
                TransactionType.TRANSFER, 50_00, "EUR", new MaskedParty("cus_a", 200_00L, 160_00L),
                new MaskedParty("cpt_b", 10_00L, 60_00L), null, null);
        assertThat(FeatureSet.computeMap(paid, EntityStates.EMPTY))
                .containsEntry("customer_amount_is_balance", 0.0).containsEntry("customer_balance_emptied", 0.0)
                .containsEntry("customer_balance_error_log", -Math.log1p(10.0))
                .containsEntry("customer_balance_error_nonzero", 1.0)
                .containsEntry("counterparty_balance_unchanged", 0.0)
                .containsEntry("counterparty_balance_error_log", 0.0)
                .containsEntry("counterparty_balance_error_nonzero", 0.0);
    }

    @Test
    void anErasedSubjectsCustomerAndCardStateIsNotRebuilt() {
        MaskedTransaction t = tx("t1", "2025-03-05T14:30:00Z", 10_000, new MaskedParty("cus_a"),
                new MaskedCard("tok_abcdefgh", "411111", "1111"), null);
        EntityStates after = FeatureSet.fold(t, EntityStates.EMPTY, false);
        assertThat(after.customer().count()).isZero();
        assertThat(after.card().count()).isZero();
        assertThat(after.counterparty().count()).isEqualTo(1);
    }

    @Provide
    Arbitrary<List<MaskedTransaction>> histories() {
        return Histories.sorted(40);
    }

    @Property
    void everyValueIsFiniteAndWithinTheSchemaBound(@ForAll("histories") List<MaskedTransaction> history) {
        EntityStates states = EntityStates.EMPTY;
        for (MaskedTransaction t : history) {
            EntityStates before = new EntityStates(states.customer(), states.counterparty(), states.card());
            for (double v : FeatureSet.compute(t, before)) {
                assertThat(Double.isFinite(v) && Math.abs(v) < 1e12).isTrue();
            }
            states = FeatureSet.fold(t, before, true);
        }
    }
}
