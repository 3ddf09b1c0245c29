package io.openfraud.ingestion.quality.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.masking.CardTokenizer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates the catalogue on one record: the schema rules on the JSON (the schema its {@code schemaVersion} names),
 * then, if the record could be read, the semantic rules on the parsed transaction. Pure and thread-safe: no clock,
 * no I/O (the caller passes {@code now}). Messages name the rule and field, never the value.
 */
public final class QualityCheck {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private static final int MAX_AGE_YEARS = 120;
    /** Card schemes issue 12 to 19 digits; shorter numbers cannot be masked to BIN and last four safely. */
    private static final int MIN_PAN_DIGITS = 12;

    private final RuleCatalogue catalogue;
    private final ObjectMapper mapper;
    private final Duration maxClockSkew;

    public QualityCheck(RuleCatalogue catalogue, ObjectMapper mapper, Duration maxClockSkew) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.maxClockSkew = maxClockSkew;
    }

    public RuleCatalogue catalogue() {
        return catalogue;
    }

    /**
     * What the rules say of one record.
     *
     * @param transaction the parsed transaction (v1 documents as v1), empty when a REJECT rule stopped reading it
     * @param violations    every failed rule, REJECT and WARN
     * @param schemaVersion the canonical schema version the record was read with (0 if unreadable)
     */
    public record Outcome(Optional<Transaction> transaction, List<RuleViolation> violations, int schemaVersion) {

        Outcome(Optional<Transaction> transaction, List<RuleViolation> violations) {
            this(transaction, violations, 0);
        }

        public boolean accepted() {
            return transaction.isPresent() && violations.stream().noneMatch(v -> v.severity() == Severity.REJECT);
        }

        /** Ids of the WARN rules that failed, once each, in catalogue order. */
        public List<String> warnings() {
            return violations.stream().filter(v -> v.severity() == Severity.WARN).map(RuleViolation::ruleId)
                    .distinct().toList();
        }

        public List<RuleViolation> rejections() {
            return violations.stream().filter(v -> v.severity() == Severity.REJECT).toList();
        }
    }

    /** Evaluates {@code body} (null when the record was not JSON at all) at {@code now}. */
    public Outcome check(JsonNode body, Instant now) {
        List<RuleViolation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(violation(RuleCatalogue.JSON, "", "the record is not a JSON object"));
            return new Outcome(Optional.empty(), violations);
        }
        for (SchemaViolation schemaViolation : SchemaValidator.shared().validateTransaction(body)) {
            String rule = schemaRule(schemaViolation);
            violations.add(violation(rule, schemaViolation.field(), schemaViolation.message()));
        }
        if (violations.stream().anyMatch(v -> v.severity() == Severity.REJECT)) {
            return new Outcome(Optional.empty(), List.copyOf(violations));
        }
        Transaction transaction;
        try {
            transaction = mapper.convertValue(body, Transaction.class);
        } catch (IllegalArgumentException e) {
            violations.add(new RuleViolation(RuleCatalogue.TYPE, catalogue.get(RuleCatalogue.TYPE).version(), "",
                    Severity.REJECT, "the record cannot be read as a transaction"));
            return new Outcome(Optional.empty(), List.copyOf(violations));
        }
        if (SchemaValidator.TRANSACTION_V1.equals(SchemaValidator.transactionSchema(body).orElse(null))) {
            transaction = transaction.asVersion1(); // a v1 reader ignores the fields it does not know
        }
        violations.addAll(semantic(transaction, now));
        int version = SchemaValidator.TRANSACTION_V2.equals(SchemaValidator.transactionSchema(body).orElse(null))
                ? 2 : 1;
        return new Outcome(Optional.of(transaction), List.copyOf(violations), version);
    }

    /**
     * {@link #check(JsonNode, Instant)} of a transaction that is already typed (a file row read by the project's
     * readers), which is version 2 JSON: the same outcome as checking its JSON tree ({@code TypedSchemaCheckTest}),
     * without building the tree and reading it back when {@link TypedSchemaCheck} can tell it conforms.
     */
    public Outcome checkTyped(Transaction transaction, Instant now) {
        if (TypedSchemaCheck.conforms(transaction)) {
            return new Outcome(Optional.of(transaction), List.copyOf(semantic(transaction, now)), 2);
        }
        return check(mapper.valueToTree(transaction), now);
    }

    /** The semantic rules on a parsed transaction (also used to re-check quarantined records). */
    public List<RuleViolation> semantic(Transaction t, Instant now) {
        List<RuleViolation> violations = new ArrayList<>();
        if (t.currency() != null && !CURRENCIES.contains(t.currency())) {
            violations.add(violation(RuleCatalogue.CURRENCY, "currency", "not an ISO 4217 currency in use"));
        }
        if (t.timestamp() != null && t.timestamp().isAfter(now.plus(maxClockSkew))) {
            violations.add(violation(RuleCatalogue.TIMESTAMP_SKEW, "timestamp",
                    "later than now plus the allowed clock skew of " + maxClockSkew));
        }
        if (t.card() != null && t.card().pan() != null) {
            String pan = t.card().pan();
            if (pan.length() < MIN_PAN_DIGITS) {
                violations.add(violation(RuleCatalogue.CARD_LENGTH, "card.pan",
                        "fewer than " + MIN_PAN_DIGITS + " digits"));
            } else if (!CardTokenizer.luhnValid(pan)) {
                violations.add(violation(RuleCatalogue.CARD_LUHN, "card.pan", "fails the Luhn check"));
            }
        }
        if (t.amount() != null && t.currency() != null && CURRENCIES.contains(t.currency())) {
            int digits = Currency.getInstance(t.currency()).getDefaultFractionDigits();
            if (digits >= 0 && t.amount().stripTrailingZeros().scale() > digits) {
                violations.add(violation(RuleCatalogue.AMOUNT_PRECISION, "amount",
                        "more decimals than the currency's minor unit (" + digits + ")"));
            }
        }
        balance(t, violations);
        if (t.card() != null && t.card().expiry() != null && t.timestamp() != null) {
            YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(t.card().expiry().substring(3)),
                    Integer.parseInt(t.card().expiry().substring(0, 2)));
            if (expiry.isBefore(YearMonth.from(t.timestamp().atOffset(ZoneOffset.UTC)))) {
                violations.add(violation(RuleCatalogue.CARD_EXPIRED, "card.expiry",
                        "the card had expired at the transaction's time"));
            }
        }
        Transaction.Person person = t.customer() == null ? null : t.customer().person();
        if (person != null && person.dateOfBirth() != null && t.timestamp() != null) {
            LocalDate day = t.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
            if (person.dateOfBirth().isAfter(day)
                    || ChronoUnit.YEARS.between(person.dateOfBirth(), day) > MAX_AGE_YEARS) {
                violations.add(violation(RuleCatalogue.DOB, "customer.person.dateOfBirth",
                        "not born before the transaction, or older than " + MAX_AGE_YEARS));
            }
        }
        if (person != null && nullIsland(person.location())) {
            violations.add(violation(RuleCatalogue.NULL_ISLAND, "customer.person.location", "exactly (0, 0)"));
        }
        if (t.counterparty() != null && nullIsland(t.counterparty().location())) {
            violations.add(violation(RuleCatalogue.NULL_ISLAND, "counterparty.location", "exactly (0, 0)"));
        }
        return violations;
    }

    private void balance(Transaction t, List<RuleViolation> violations) {
        if (t.amount() == null || t.type() == null) {
            return;
        }
        Transaction.Account account = t.account();
        if (account != null && account.balanceBefore() != null && account.balanceAfter() != null) {
            BigDecimal expected = t.type() == TransactionType.CASH_IN ? account.balanceBefore().add(t.amount())
                    : account.balanceBefore().subtract(t.amount());
            if (expected.subtract(account.balanceAfter()).abs().compareTo(TOLERANCE) > 0) {
                violations.add(violation(RuleCatalogue.BALANCE, "account",
                        "the customer's balance did not move by the amount"));
            }
        }
        Transaction.Counterparty cp = t.counterparty();
        if (cp != null && cp.balanceBefore() != null && cp.balanceAfter() != null
                && !(cp.balanceBefore().signum() == 0 && cp.balanceAfter().signum() == 0)
                && t.type() != TransactionType.CASH_IN) {
            BigDecimal moved = cp.balanceAfter().subtract(cp.balanceBefore());
            if (moved.subtract(t.amount()).abs().compareTo(TOLERANCE) > 0) {
                violations.add(violation(RuleCatalogue.BALANCE, "counterparty",
                        "the counterparty's balance did not rise by the amount"));
            }
        }
    }

    private static boolean nullIsland(Transaction.GeoPoint point) {
        return point != null && point.lat() == 0.0 && point.lon() == 0.0;
    }

    /** The catalogue rule a schema violation belongs to. */
    static String schemaRule(SchemaViolation violation) {
        if (SchemaViolation.SYNTAX.equals(violation.keyword())) {
            return RuleCatalogue.JSON;
        }
        if ("/schemaVersion".equals(violation.path())) {
            return RuleCatalogue.SCHEMA_VERSION;
        }
        return switch (violation.keyword()) {
            case "required", "dependentRequired" -> RuleCatalogue.REQUIRED;
            case "type" -> RuleCatalogue.TYPE;
            case "enum", "const" -> RuleCatalogue.ENUM;
            case "exclusiveMinimum", "minimum", "maximum", "exclusiveMaximum" -> "/amount".equals(violation.path())
                    ? RuleCatalogue.AMOUNT_POSITIVE : RuleCatalogue.RANGE;
            case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" ->
                    RuleCatalogue.RANGE;
            case "pattern", "format" -> "/currency".equals(violation.path()) ? RuleCatalogue.CURRENCY
                    : RuleCatalogue.FORMAT;
            default -> RuleCatalogue.SCHEMA;
        };
    }

    private RuleViolation violation(String ruleId, String field, String message) {
        QualityRule rule = catalogue.get(ruleId);
        return new RuleViolation(rule.id(), rule.version(), field, rule.severity(), message);
    }
}
