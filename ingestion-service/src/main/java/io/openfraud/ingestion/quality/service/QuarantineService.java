package io.openfraud.ingestion.quality.service;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedContext;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.events.transaction.ValidatedTransaction;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.ingestion.intake.service.IntakeService;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.ingestion.quality.persistence.QuarantineStore;
import io.openfraud.ingestion.quality.rules.QualityRule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Lists quarantined records and replays them after a rule fix. A replay re-judges each record's recorded failures
 * with the severities in force now: when none of them rejects any more, the masked record is rebuilt into a masked
 * transaction (the original, with its card number, was never kept), stored and published with the failed rules as
 * warnings; otherwise it stays quarantined. Records that failed schema rules usually stay: their fields are missing.
 */
@ApplicationScoped
public class QuarantineService {

    public static final String QUARANTINED = "QUARANTINED";
    public static final String REPLAYED = "REPLAYED";

    private final Session session;
    private final QualityGate gate;
    private final IntakeService intake;

    QuarantineService(Session session, QualityGate gate, IntakeService intake) {
        this.session = session;
        this.gate = gate;
        this.intake = intake;
    }

    public List<QuarantineStore.Entry> list(String status, String rule, long afterId, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> session.doReturningWork(connection ->
                QuarantineStore.list(connection, status, rule, afterId, limit)));
    }

    /** What a replay did with one record. */
    public record Replayed(long id, String transactionId, String outcome, List<String> stillRejecting) {
    }

    /** Replays the quarantined records among {@code ids} (others are ignored). */
    public List<Replayed> replay(List<Long> ids) {
        List<QuarantineStore.Entry> entries = QuarkusTransaction.requiringNew().call(() ->
                session.doReturningWork(connection -> QuarantineStore.lockQuarantined(connection, ids)));
        List<Replayed> results = new ArrayList<>();
        List<IntakeService.Prepared> prepared = new ArrayList<>();
        List<QuarantineStore.Entry> admitted = new ArrayList<>();
        Instant now = Instant.now();
        for (QuarantineStore.Entry entry : entries) {
            List<String> rejecting = entry.violations().stream()
                    .filter(v -> gate.catalogue().rule(v.ruleId()).map(QualityRule::severity)
                            .orElse(Severity.WARN) == Severity.REJECT)
                    .map(RuleViolation::ruleId).distinct().toList();
            Optional<MaskedTransaction> rebuilt = rejecting.isEmpty() && entry.transactionId() != null
                    ? rebuild(entry.maskedRecord()).filter(t -> entry.transactionId().equals(t.transactionId()))
                    : Optional.empty();
            if (rebuilt.isEmpty()) {
                results.add(new Replayed(entry.id(), entry.transactionId(), QUARANTINED,
                        rejecting.isEmpty() ? List.of("not rebuildable from the masked record") : rejecting));
                continue;
            }
            List<String> warnings = entry.violations().stream().map(RuleViolation::ruleId).distinct().toList();
            prepared.add(new IntakeService.Prepared(new ValidatedTransaction(rebuilt.get(), ProcessingPath.ASYNC,
                    null, warnings, now), new Admitted(null, warnings, 1, gate.catalogue().version()),
                    new Source(Source.Kind.valueOf(sourceKind(entry.channel())), "quarantine-" + entry.id())));
            admitted.add(entry);
        }
        List<IntakeService.Outcome> outcomes = intake.acceptAll(prepared);
        List<Long> replayed = new ArrayList<>();
        for (int i = 0; i < admitted.size(); i++) {
            QuarantineStore.Entry entry = admitted.get(i);
            replayed.add(entry.id());
            results.add(new Replayed(entry.id(), entry.transactionId(), outcomes.get(i).name(), List.of()));
        }
        if (!replayed.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> session.doWork(connection -> QuarantineStore.resolve(
                    connection, replayed, REPLAYED, "replayed under " + gate.catalogue().version(), now)));
        }
        return results;
    }

    private static String sourceKind(String channel) {
        return switch (channel) {
            case "KAFKA" -> "KAFKA";
            case "FILE" -> "FILE";
            default -> "BATCH";
        };
    }

    /** The masked transaction a masked record describes, when it has every field one needs. */
    static Optional<MaskedTransaction> rebuild(Map<String, Object> record) {
        try {
            String currency = (String) record.get("currency");
            Currency unit = Currency.getInstance(currency);
            Map<?, ?> customer = (Map<?, ?>) record.get("customer");
            Map<?, ?> counterparty = (Map<?, ?>) record.get("counterparty");
            Map<?, ?> account = (Map<?, ?>) record.get("account");
            Map<?, ?> card = (Map<?, ?>) record.get("card");
            MaskedCard maskedCard = card == null || card.get("token") == null ? null
                    : new MaskedCard((String) card.get("token"), (String) card.get("bin"), (String) card.get("last4"));
            String channel = (String) record.get("channel");
            String category = counterparty == null ? null : (String) counterparty.get("category");
            MaskedContext context = channel == null && category == null ? null : new MaskedContext(
                    channel == null ? null : Transaction.Channel.valueOf(channel), category, null, null, null, null,
                    null);
            return Optional.of(new MaskedTransaction((String) record.get("transactionId"),
                    Instant.parse((String) record.get("timestamp")), TransactionType.valueOf((String) record.get("type")),
                    minor(record.get("amount"), unit),
                    unit.getCurrencyCode(),
                    new MaskedParty((String) customer.get("id"), minorOrNull(account, "balanceBefore", unit),
                            minorOrNull(account, "balanceAfter", unit)),
                    new MaskedParty((String) counterparty.get("id"), minorOrNull(counterparty, "balanceBefore", unit),
                            minorOrNull(counterparty, "balanceAfter", unit)),
                    maskedCard, context));
        } catch (RuntimeException incomplete) {
            return Optional.empty();
        }
    }

    private static Long minorOrNull(Map<?, ?> party, String field, Currency unit) {
        return party == null || party.get(field) == null ? null : minor(party.get(field), unit);
    }

    private static long minor(Object amount, Currency unit) {
        int digits = Math.max(unit.getDefaultFractionDigits(), 0);
        return new BigDecimal(amount.toString()).setScale(digits, RoundingMode.HALF_UP).movePointRight(digits)
                .longValueExact();
    }
}
