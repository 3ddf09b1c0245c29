package io.openfraud.features;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.Transaction.Channel;
import io.openfraud.events.transaction.TransactionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated masked histories: few entities (so they meet often), gaps from 0 to beyond the expiry, gaps and ties. */
public final class Histories {

    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    private Histories() {
    }

    /** One generated transaction, with the gap to the previous one in event time. */
    record Step(long gapMillis, int customer, int counterparty, int card, long amountMinor, TransactionType type,
            boolean balances, Integer distanceKm, Integer age, Channel channel, String category) {
    }

    /** Histories in event-time order (ties included), 1 to {@code max} transactions. */
    public static Arbitrary<List<MaskedTransaction>> sorted(int max) {
        return step().list().ofMinSize(1).ofMaxSize(max).map(Histories::build);
    }

    private static Arbitrary<Step> step() {
        Arbitrary<Long> gap = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(1, 600_000)),
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(600_000, 6 * 3_600_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(6 * 3_600_000L, 3 * 86_400_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(7 * 86_400_000L, 10 * 86_400_000L)));
        Arbitrary<Long> amount = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, 10_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 999_999_999_999L)));
        Arbitrary<Integer> distance = Arbitraries.integers().between(0, 20_040).injectNull(0.4);
        Arbitrary<Integer> age = Arbitraries.integers().between(0, 150).injectNull(0.4);
        Arbitrary<Channel> channel = Arbitraries.of(Channel.class).injectNull(0.4);
        Arbitrary<String> category = Arbitraries.of("grocery_pos", "travel", "5411", "misc_net").injectNull(0.4);
        return Combinators.combine(gap, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(-1, 2), amount, Arbitraries.of(TransactionType.class),
                Arbitraries.of(true, false), distance)
                .as((g, c, cp, card, a, type, bal, d) -> new Step(g, c, cp, card, a, type, bal, d, null, null, null))
                .flatMap(s -> Combinators.combine(age, channel, category).as((ag, ch, cat) -> new Step(s.gapMillis(),
                        s.customer(), s.counterparty(), s.card(), s.amountMinor(), s.type(), s.balances(),
                        s.distanceKm(), ag, ch, cat)));
    }

    private static List<MaskedTransaction> build(List<Step> steps) {
        List<MaskedTransaction> out = new ArrayList<>();
        long millis = START.toEpochMilli();
        int n = 0;
        for (Step s : steps) {
            millis += s.gapMillis();
            out.add(transaction("tx-" + n++, Instant.ofEpochMilli(millis), s));
        }
        return out;
    }

    static MaskedTransaction transaction(String id, Instant at, Step s) {
        MaskedParty customer = s.balances()
                ? new MaskedParty("cus_customer" + s.customer(), 100_000L, Math.max(0, 100_000L - s.amountMinor()))
                : new MaskedParty("cus_customer" + s.customer());
        MaskedParty counterparty = s.balances()
                ? new MaskedParty("cpt_party" + s.counterparty(), 0L, s.amountMinor())
                : new MaskedParty("cpt_party" + s.counterparty());
        MaskedCard card = s.card() < 0 ? null : new MaskedCard("tok_card" + s.card(), "411111", "1111");
        MaskedContext context = new MaskedContext(s.channel(), s.category(), s.distanceKm(), s.age(), null, null,
                null);
        return new MaskedTransaction(id, at, s.type(), s.amountMinor(), "EUR", customer, counterparty, card,
                context.isEmpty() ? null : context);
    }
}
