package io.openfraud.events;

import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid payloads for every topic, as producers would write them. */
public final class EventArbitraries {

    private static final String ID_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ID_REST = ID_FIRST + "0123456789_.:=+/~-";
    private static final String BASE64URL = ID_FIRST + "0123456789_-";
    private static final String HEX = "0123456789abcdef";

    private EventArbitraries() {
    }

    // ---- envelopes

    /** Envelopes of {@code topic} as its producers write them. */
    public static <V> Arbitrary<EventEnvelope<V>> envelopes(Topic<V> topic) {
        return Combinators.combine(payloads(topic), producers(topic), instants())
                .as((payload, producer, now) -> EventEnvelope.of(topic, producer, payload, now));
    }

    /** Valid payloads of {@code topic}. */
    @SuppressWarnings("unchecked")
    public static <V> Arbitrary<V> payloads(Topic<V> topic) {
        Arbitrary<?> payloads = switch (topic.name()) {
            case Topics.TRANSACTIONS_RAW_NAME -> transactions();
            case Topics.TRANSACTIONS_VALIDATED_NAME -> validatedTransactions();
            case Topics.TRANSACTIONS_REJECTED_NAME -> rejectedTransactions();
            case Topics.TRANSACTIONS_ENRICHED_NAME -> enrichedTransactions();
            case Topics.TRANSACTIONS_SCORED_NAME -> scoredTransactions();
            case Topics.ALERTS_FRAUD_NAME -> fraudAlerts();
            case Topics.LABELS_FEEDBACK_NAME -> labelFeedback();
            case Topics.DECISIONS_REVIEWED_NAME -> reviewedDecisions();
            case Topics.MODELS_LIFECYCLE_NAME -> modelLifecycleEvents();
            case Topics.GDPR_COMMANDS_NAME -> gdprCommands();
            case Topics.GDPR_EVENTS_NAME -> gdprEvents();
            default -> throw new IllegalArgumentException("no generator for " + topic);
        };
        return (Arbitrary<V>) payloads;
    }

    static Arbitrary<String> producers(Topic<?> topic) {
        if (topic.producers().contains(Services.EXTERNAL)) {
            return Arbitraries.of("acquirer-gateway", "core-banking", "psp.eu-west-1", "CardSwitch2");
        }
        return Arbitraries.of(topic.producers());
    }

    // ---- building blocks

    public static Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(946_684_800L, 4_102_444_799L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    public static Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 36_000).map(days -> LocalDate.of(2000, 1, 1).plusDays(days));
    }

    /** Opaque ids: start with a letter, so never shaped like a card number. */
    public static Arbitrary<String> identifiers() {
        Arbitrary<Character> first = Arbitraries.of(chars(ID_FIRST));
        Arbitrary<String> rest = Arbitraries.strings().withChars(ID_REST).ofMaxLength(40);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    public static Arbitrary<String> pseudonyms() {
        return Arbitraries.strings().withChars(BASE64URL).ofMinLength(8).ofMaxLength(64)
                .filter(s -> !s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-'));
    }

    public static Arbitrary<String> cardTokens() {
        return Arbitraries.oneOf(pseudonyms(), pseudonyms().map(p -> "tok_" + p));
    }

    /** Free text without card-number-like digit runs; includes accents, punctuation and line breaks. */
    public static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("éüß€\n\t").ofMaxLength(80)
                .filter(s -> !s.matches("(?s).*[0-9](?:[ -]?[0-9]){12}.*"));
    }

    static Arbitrary<String> serviceNames() {
        return Arbitraries.of(Services.INGESTION, Services.FEATURE, Services.SCORING, Services.RETRAINING);
    }

    static Arbitrary<String> currencies() {
        return Arbitraries.oneOf(Arbitraries.of("EUR", "USD", "GBP", "JPY", "CHF", "BHD"),
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(3));
    }

    static Arbitrary<Long> amountsMinor() {
        return Arbitraries.longs().between(1, 999_999_999_999L);
    }

    static Arbitrary<Long> balancesMinor() {
        return Arbitraries.longs().between(-999_999_999_999L, 999_999_999_999L).injectNull(0.3);
    }

    /** Finite doubles, never -0.0 (JSON has one zero). */
    static Arbitrary<Double> boundedDoubles() {
        return Arbitraries.doubles().between(-1_000_000, 1_000_000).map(d -> d == 0.0 ? 0.0 : d);
    }

    static Arbitrary<Double> probabilities() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, 0.5), Arbitraries.doubles().between(0.0, 1.0))
                .map(d -> d == 0.0 ? 0.0 : d);
    }

    /** Luhn-valid card numbers, 13 to 19 digits, with real scheme prefixes. */
    public static Arbitrary<String> cardNumbers() {
        Arbitrary<String> prefix = Arbitraries.of("4", "51", "55", "2221", "34", "37", "6011", "35", "62");
        Arbitrary<Integer> length = Arbitraries.integers().between(13, 19);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(prefix, length, seed).as((p, n, s) -> {
            java.util.Random random = new java.util.Random(s);
            StringBuilder digits = new StringBuilder(p);
            while (digits.length() < n - 1) {
                digits.append(random.nextInt(10));
            }
            return digits.append(luhnCheckDigit(digits)).toString();
        });
    }

    public static char luhnCheckDigit(CharSequence body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    public static boolean luhnValid(String number) {
        return luhnCheckDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }

    // ---- transactions.raw

    public static Arbitrary<Transaction> transactions() {
        Arbitrary<String> clientIds = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(30);
        Arbitrary<BigDecimal> amounts = Combinators.combine(Arbitraries.longs().between(1, 100_000_000_000L),
                Arbitraries.integers().between(0, 3)).as(BigDecimal::valueOf);
        Arbitrary<BigDecimal> balances = Combinators.combine(
                Arbitraries.longs().between(-10_000_000_000L, 100_000_000_000L), Arbitraries.integers().between(0, 2))
                .as(BigDecimal::valueOf).injectNull(0.3);
        Arbitrary<Transaction.Counterparty> counterparties = Combinators.combine(clientIds, balances, balances)
                .as(Transaction.Counterparty::new);
        Arbitrary<Transaction.Account> accounts = Combinators.combine(balances, balances)
                .as(Transaction.Account::new).injectNull(0.3);
        Arbitrary<String> expiries = Combinators.combine(Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 99)).as((m, y) -> String.format("%02d/%02d", m, y));
        Arbitrary<Transaction.Card> cards = Combinators.combine(cardNumbers().injectNull(0.1),
                Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(4).injectNull(0.2),
                expiries.injectNull(0.2)).as(Transaction.Card::new).injectNull(0.3);
        Arbitrary<Transaction> head = Combinators.combine(identifiers(), instants(), Arbitraries.of(TransactionType.class),
                amounts, currencies(), clientIds.map(Transaction.Customer::new), counterparties)
                .as((id, ts, type, amount, currency, customer, counterparty) -> new Transaction(id, ts, type, amount,
                        currency, customer, counterparty, null, null));
        Arbitrary<Transaction> v1 = Combinators.combine(head, accounts, cards).as((t, account, card) -> new Transaction(
                t.transactionId(), t.timestamp(), t.type(), t.amount(), t.currency(), t.customer(), t.counterparty(),
                account, card));
        return Combinators.combine(v1, persons().injectNull(0.3), merchants().injectNull(0.3),
                Arbitraries.of(Transaction.Channel.class).injectNull(0.3), devices().injectNull(0.3))
                .as((t, person, merchant, channel, device) -> new Transaction(t.transactionId(), t.timestamp(),
                        t.type(), t.amount(), t.currency(), new Transaction.Customer(t.customer().id(), person),
                        merchant == null ? t.counterparty() : new Transaction.Counterparty(t.counterparty().id(),
                                t.counterparty().balanceBefore(), t.counterparty().balanceAfter(), merchant.name(),
                                merchant.category(), merchant.location()),
                        t.account(), t.card(), channel, device));
    }

    static Arbitrary<Transaction.GeoPoint> geoPoints() {
        return Combinators.combine(Arbitraries.doubles().between(-90, 90).ofScale(6),
                Arbitraries.doubles().between(-180, 180).ofScale(6)).as(Transaction.GeoPoint::new);
    }

    static Arbitrary<Transaction.Person> persons() {
        Arbitrary<String> names = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
        Arbitrary<Transaction.Address> addresses = Combinators.combine(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).injectNull(0.2), names.injectNull(0.2),
                Arbitraries.strings().alpha().ofLength(2).injectNull(0.3),
                Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(5).injectNull(0.3),
                Arbitraries.of("FR", "DE", "US", "GB").injectNull(0.3),
                Arbitraries.longs().between(0, 30_000_000).injectNull(0.3)).as(Transaction.Address::new);
        Arbitrary<java.time.LocalDate> births = Arbitraries.integers().between(0, 30_000)
                .map(days -> java.time.LocalDate.of(1925, 1, 1).plusDays(days));
        Arbitrary<String> emails = Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1)
                .ofMaxLength(12), Arbitraries.of("example.org", "mail.example.com")).as((u, d) -> u + "@" + d);
        return Combinators.combine(names.injectNull(0.2), names.injectNull(0.2), Arbitraries.of("F", "M", "X")
                        .injectNull(0.3), births.injectNull(0.2), emails.injectNull(0.3), names.injectNull(0.3),
                addresses.injectNull(0.3), geoPoints().injectNull(0.3)).as(Transaction.Person::new);
    }

    /** Name, category and location of a merchant (a counterparty without balances). */
    record Merchant(String name, String category, Transaction.GeoPoint location) {
    }

    static Arbitrary<Merchant> merchants() {
        Arbitrary<String> categories = Arbitraries.oneOf(Arbitraries.strings().numeric().ofLength(4),
                Arbitraries.of("grocery_pos", "shopping_net", "gas_transport", "misc_net"));
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(30)
                        .injectNull(0.2), categories.injectNull(0.2), geoPoints().injectNull(0.3)).as(Merchant::new);
    }

    static Arbitrary<Transaction.Device> devices() {
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> octets.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(".")));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
                .map(groups -> groups.stream().map(Integer::toHexString)
                        .collect(java.util.stream.Collectors.joining(":")));
        return Combinators.combine(identifiers().injectNull(0.2), Arbitraries.oneOf(ipv4, ipv6).injectNull(0.2),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60).injectNull(0.4))
                .as(Transaction.Device::new);
    }

    // ---- masked transactions and verdicts

    public static Arbitrary<MaskedTransaction> maskedTransactions() {
        Arbitrary<MaskedParty> parties = Combinators.combine(pseudonyms(), balancesMinor(), balancesMinor())
                .as(MaskedParty::new);
        Arbitrary<MaskedCard> cards = Combinators.combine(cardTokens(),
                Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(8),
                Arbitraries.strings().numeric().ofLength(4)).as(MaskedCard::new).injectNull(0.4);
        Arbitrary<MaskedTransaction.MaskedContext> contexts = Combinators.combine(
                Arbitraries.of(Transaction.Channel.class).injectNull(0.3),
                Arbitraries.of("5411", "grocery_pos", "misc_net").injectNull(0.3),
                Arbitraries.integers().between(0, 20_040).injectNull(0.3),
                Arbitraries.integers().between(0, 150).injectNull(0.3),
                Arbitraries.longs().between(0, 99_999_999).injectNull(0.3), pseudonyms().injectNull(0.3),
                pseudonyms().injectNull(0.3)).as(MaskedTransaction.MaskedContext::new).injectNull(0.3);
        Arbitrary<MaskedTransaction> v1 = Combinators.combine(identifiers(), instants(),
                Arbitraries.of(TransactionType.class), amountsMinor(), currencies(), parties, parties, cards)
                .as(MaskedTransaction::new);
        return Combinators.combine(v1, contexts).as((t, context) -> new MaskedTransaction(t.transactionId(),
                t.timestamp(), t.type(), t.amountMinor(), t.currency(), t.customer(), t.counterparty(), t.card(),
                context));
    }

    public static Arbitrary<Verdict> verdicts() {
        return verdicts(Arbitraries.of(Decision.class));
    }

    static Arbitrary<Verdict> verdicts(Arbitrary<Decision> decisions) {
        Arbitrary<Reason> reasons = Combinators.combine(identifiers(), identifiers(), boundedDoubles())
                .as(Reason::new);
        Arbitrary<Scorer> scorers = Arbitraries.of(Scorer.class);
        return Combinators.combine(probabilities(), decisions, reasons.list().ofMaxSize(4), identifiers(),
                identifiers(), scorers, identifiers().list().ofMaxSize(3))
                .as((score, decision, why, model, featureSet, scorer, degraded) -> new Verdict(score, decision, why,
                        scorer == Scorer.RULES ? "rules-" + model : model, featureSet, scorer, degraded));
    }

    /** A path and, for SYNC only, a verdict. */
    private record Routing(ProcessingPath path, Verdict verdict) {
    }

    private static Arbitrary<Routing> routings() {
        return Arbitraries.of(ProcessingPath.class).flatMap(path -> path == ProcessingPath.SYNC
                ? verdicts().map(v -> new Routing(path, v))
                : Arbitraries.just(new Routing(path, null)));
    }

    // ---- payloads per topic

    public static Arbitrary<ValidatedTransaction> validatedTransactions() {
        return Combinators.combine(maskedTransactions(), routings(), identifiers().list().ofMaxSize(3), instants())
                .as((tx, routing, warnings, at) -> new ValidatedTransaction(tx, routing.path(), routing.verdict(),
                        warnings, at));
    }

    public static Arbitrary<RejectedTransaction> rejectedTransactions() {
        Arbitrary<RuleViolation> violations = Combinators.combine(identifiers(),
                Arbitraries.integers().between(1, 1000), Arbitraries.oneOf(texts(), Arbitraries.just(null)),
                Arbitraries.of(Severity.class), texts()).as(RuleViolation::new);
        Arbitrary<List<RuleViolation>> lists = Combinators.combine(violations, violations.list().ofMaxSize(3))
                .as((first, more) -> {
                    List<RuleViolation> all = new ArrayList<>();
                    all.add(new RuleViolation(first.ruleId(), first.ruleVersion(), first.field(), Severity.REJECT,
                            first.message()));
                    all.addAll(more);
                    return all;
                });
        return Combinators.combine(identifiers().injectNull(0.2), instants(), Arbitraries.of(IntakeChannel.class),
                lists, maskedRecords().injectNull(0.2)).as(RejectedTransaction::new);
    }

    /** Records as received, masked: nested objects and lists of text, bounded numbers, booleans and nulls. */
    public static Arbitrary<Map<String, Object>> maskedRecords() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                texts().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().between(Integer.MAX_VALUE + 1L, 999_999_999_999L).map(Object.class::cast),
                Combinators.combine(Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
                        Arbitraries.integers().between(1, 3)).as(BigDecimal::valueOf).map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast),
                Arbitraries.just(null),
                Arbitraries.just("411111******1111"));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(3).map(Object.class::cast);
        Arbitrary<Object> flat = maps(Arbitraries.oneOf(scalars, lists)).map(Object.class::cast);
        Arbitrary<Object> cvv = Arbitraries.of("***", "");
        return Combinators.combine(maps(Arbitraries.oneOf(scalars, lists, flat)), cvv.injectNull(0.5))
                .as((record, maskedCvv) -> {
                    if (maskedCvv != null) {
                        record.put("cvv", maskedCvv);
                    }
                    return record;
                });
    }

    private static Arbitrary<Map<String, Object>> maps(Arbitrary<Object> values) {
        return Combinators.combine(identifiers().list().ofMaxSize(5), values.list().ofSize(5)).as((keys, vals) -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                map.put(keys.get(i), vals.get(i));
            }
            return map;
        });
    }

    public static Arbitrary<EnrichedTransaction> enrichedTransactions() {
        Arbitrary<Map<String, Double>> features = Combinators.combine(identifiers().list().ofMaxSize(12),
                boundedDoubles().list().ofSize(12)).as((names, values) -> {
                    Map<String, Double> map = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        map.put(names.get(i), values.get(i));
                    }
                    return map;
                });
        return Combinators.combine(identifiers(), pseudonyms(), instants(), routings(), identifiers(), features)
                .as((id, customer, ts, routing, featureSet, values) -> new EnrichedTransaction(id, customer, ts,
                        routing.path(), routing.verdict(), featureSet, values));
    }

    public static Arbitrary<ScoredTransaction> scoredTransactions() {
        return Combinators.combine(identifiers(), pseudonyms(), instants(), Arbitraries.of(ProcessingPath.class),
                verdicts(), instants()).as(ScoredTransaction::new);
    }

    public static Arbitrary<FraudAlert> fraudAlerts() {
        return Combinators.combine(identifiers(), identifiers(), pseudonyms(), instants(),
                verdicts(Arbitraries.of(Decision.REVIEW, Decision.DECLINE)), instants()).as(FraudAlert::new);
    }

    public static Arbitrary<LabelFeedback> labelFeedback() {
        return Combinators.combine(identifiers(), Arbitraries.of(LabelValue.class), Arbitraries.of(LabelSource.class),
                instants()).as(LabelFeedback::new);
    }

    public static Arbitrary<ReviewedDecision> reviewedDecisions() {
        Arbitrary<Decision> decisions = Arbitraries.of(Decision.class);
        return Combinators.combine(identifiers(), identifiers(), decisions, decisions, Arbitraries.of(LabelValue.class),
                pseudonyms(), instants()).as(ReviewedDecision::new);
    }

    public static Arbitrary<ModelLifecycleEvent> modelLifecycleEvents() {
        Arbitrary<String> sha256 = Arbitraries.strings().withChars(HEX).ofLength(64);
        Arbitrary<String> uris = identifiers().filter(id -> id.matches("[A-Za-z0-9._~-]+"))
                .flatMap(id -> Arbitraries.of("s3://openfraud-models/" + id + "/model.params",
                        "http://retraining-service/api/v1/models/" + id + "/artifact"));
        Arbitrary<Map<String, Double>> metrics = Combinators.combine(identifiers().list().ofMaxSize(4),
                probabilities().list().ofSize(4)).as((names, values) -> {
                    Map<String, Double> map = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        map.put(names.get(i), values.get(i));
                    }
                    return map;
                });
        Arbitrary<ModelLifecycleEvent> head = Combinators.combine(identifiers(), identifiers(),
                Arbitraries.of(ModelLifecycleEvent.Stage.class), identifiers(), sha256, uris, metrics,
                Arbitraries.of(true, false)).as((name, version, stage, featureSet, sum, uri, values, synthetic) ->
                        new ModelLifecycleEvent(name, version, stage, featureSet, sum, uri, values, synthetic,
                                Instant.EPOCH));
        Arbitrary<ModelLifecycleEvent> timed = Combinators.combine(head, instants()).as((e, at) ->
                new ModelLifecycleEvent(e.modelName(), e.version(), e.stage(), e.featureSetVersion(), e.sha256(),
                        e.artifactUri(), e.metrics(), e.synthetic(), at));
        // the optional lineage and audit fields, each present or absent
        return Combinators.combine(timed, Arbitraries.of(ModelLifecycleEvent.Stage.class).injectNull(0.3),
                Arbitraries.of(ModelLifecycleEvent.Cause.class).injectNull(0.3),
                Arbitraries.of(ModelLifecycleEvent.Trigger.class).injectNull(0.3), identifiers().injectNull(0.3),
                instants().injectNull(0.3), instants().injectNull(0.3),
                Arbitraries.longs().between(1, 999_999_999_999L).injectNull(0.3))
                .as((e, previous, cause, trigger, parent, start, end, audit) -> new ModelLifecycleEvent(e.modelName(),
                        e.version(), e.stage(), e.featureSetVersion(), e.sha256(), e.artifactUri(), e.metrics(),
                        e.synthetic(), e.changedAt(), previous, cause, trigger, parent, start, end, audit));
    }

    public static Arbitrary<GdprCommand> gdprCommands() {
        return Combinators.combine(identifiers(), Arbitraries.of(GdprCommand.Action.class), pseudonyms(), instants(),
                instants()).as(GdprCommand::new);
    }

    public static Arbitrary<StoreEffect> storeEffects() {
        return Combinators.combine(texts(), texts(), Arbitraries.longs().between(0, 999_999_999_999L),
                Arbitraries.of(StoreEffect.Effect.class), texts(), dates())
                .as((store, field, records, effect, basis, date) -> effect == StoreEffect.Effect.RETAINED
                        ? new StoreEffect(store, field, records, effect, basis, date)
                        : new StoreEffect(store, field, records, effect, null, null));
    }

    public static Arbitrary<GdprEvent> gdprEvents() {
        return Combinators.combine(identifiers(), serviceNames(), Arbitraries.of(GdprCommand.Action.class),
                pseudonyms(), Arbitraries.of(GdprEvent.Outcome.class), storeEffects().list().ofMaxSize(4),
                texts(), instants()).as((id, service, action, subject, outcome, effects, error, at) ->
                        new GdprEvent(id, service, action, subject, outcome, effects,
                                outcome == GdprEvent.Outcome.FAILED ? error : null, at));
    }

    private static Character[] chars(String alphabet) {
        return alphabet.chars().mapToObj(c -> (char) c).toArray(Character[]::new);
    }
}
