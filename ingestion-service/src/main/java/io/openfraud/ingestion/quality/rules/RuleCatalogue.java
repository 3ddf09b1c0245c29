package io.openfraud.ingestion.quality.rules;

import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.ingestion.quality.rules.QualityRule.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule catalogue: every rule ingestion applies, in evaluation order, with its default severity. Served at
 * {@code GET /api/v1/quality/rules} and documented in the service README. The rule-set version changes whenever a
 * rule is added, removed, or changes version or severity, and is recorded with every stored row.
 */
public final class RuleCatalogue {

    public static final String REQUIRED = "DQ-REQUIRED";
    public static final String TYPE = "DQ-TYPE";
    public static final String ENUM = "DQ-ENUM";
    public static final String RANGE = "DQ-RANGE";
    public static final String FORMAT = "DQ-FORMAT";
    public static final String JSON = "DQ-JSON";
    public static final String SCHEMA = "DQ-SCHEMA";
    public static final String SCHEMA_VERSION = "DQ-SCHEMA-VERSION";
    public static final String AMOUNT_POSITIVE = "DQ-AMOUNT-POSITIVE";
    public static final String CURRENCY = "DQ-CURRENCY-ISO4217";
    public static final String TIMESTAMP_SKEW = "DQ-TIMESTAMP-SKEW";
    public static final String CARD_LUHN = "DQ-CARD-LUHN";
    public static final String CARD_LENGTH = "DQ-CARD-LENGTH";
    public static final String AMOUNT_PRECISION = "DQ-AMOUNT-PRECISION";
    public static final String BALANCE = "DQ-BALANCE-CONSISTENT";
    public static final String CARD_EXPIRED = "DQ-CARD-EXPIRED";
    public static final String DOB = "DQ-DOB-PLAUSIBLE";
    public static final String NULL_ISLAND = "DQ-GEO-NULL-ISLAND";

    /** Every rule with its default severity, in evaluation order. */
    public static final List<QualityRule> DEFAULTS = List.of(
            new QualityRule(JSON, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "The record is exactly one JSON object (no trailing data, no duplicate keys)."),
            new QualityRule(SCHEMA_VERSION, 1, Severity.REJECT, "schemaVersion", Kind.SCHEMA,
                    "schemaVersion is absent (version 1), 1 or 2."),
            new QualityRule(REQUIRED, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Required fields are present: transactionId, timestamp, type, amount, currency, customer.id, "
                            + "counterparty.id (and schemaVersion in v2)."),
            new QualityRule(TYPE, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Every field has its declared JSON type."),
            new QualityRule(ENUM, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Enumerated fields (type, channel) hold one of their values."),
            new QualityRule(AMOUNT_POSITIVE, 1, Severity.REJECT, "amount", Kind.SCHEMA,
                    "The amount is greater than zero."),
            new QualityRule(RANGE, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Numbers and lengths are within their declared bounds (coordinates, population, names, ids)."),
            new QualityRule(FORMAT, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Formatted fields parse: RFC 3339 timestamps with offset, dates, e-mail, IP address, card number "
                            + "digits, CVV, MM/YY expiry, identifiers not shaped like card numbers."),
            new QualityRule(SCHEMA, 1, Severity.REJECT, "*", Kind.SCHEMA,
                    "Any other constraint of the canonical transaction schema."),
            new QualityRule(CURRENCY, 1, Severity.REJECT, "currency", Kind.SEMANTIC,
                    "The currency is an ISO 4217 code in use (java.util.Currency)."),
            new QualityRule(TIMESTAMP_SKEW, 1, Severity.REJECT, "timestamp", Kind.SEMANTIC,
                    "The event time is not later than now plus the allowed clock skew "
                            + "(openfraud.quality.max-clock-skew, default 5 minutes)."),
            new QualityRule(CARD_LENGTH, 1, Severity.REJECT, "card.pan", Kind.SEMANTIC,
                    "The card number has 12 to 19 digits (fewer cannot be masked to BIN and last four)."),
            new QualityRule(CARD_LUHN, 1, Severity.REJECT, "card.pan", Kind.SEMANTIC,
                    "The card number passes the Luhn check (ISO/IEC 7812-1)."),
            new QualityRule(AMOUNT_PRECISION, 1, Severity.WARN, "amount", Kind.SEMANTIC,
                    "The amount has no more decimals than its currency's minor unit (2 for EUR, 0 for JPY)."),
            new QualityRule(BALANCE, 1, Severity.WARN, "account", Kind.SEMANTIC,
                    "Balances move by the amount: the customer's account falls by it (rises for CASH_IN) and a "
                            + "counterparty with balances rises by it, within 0.01."),
            new QualityRule(CARD_EXPIRED, 1, Severity.WARN, "card.expiry", Kind.SEMANTIC,
                    "The card had not expired at the transaction's time."),
            new QualityRule(DOB, 1, Severity.WARN, "customer.person.dateOfBirth", Kind.SEMANTIC,
                    "The customer was born before the transaction and is at most 120 years old."),
            new QualityRule(NULL_ISLAND, 1, Severity.WARN, "*.location", Kind.SEMANTIC,
                    "Coordinates are not exactly (0, 0), the usual placeholder for unknown."));

    private final Map<String, QualityRule> rules;
    private final String version;

    /** The defaults with {@code severities} (rule id to severity) overriding them. */
    public RuleCatalogue(Map<String, Severity> severities) {
        Map<String, QualityRule> byId = new LinkedHashMap<>();
        for (QualityRule rule : DEFAULTS) {
            byId.put(rule.id(), rule);
        }
        severities.forEach((id, severity) -> {
            QualityRule rule = byId.get(id);
            if (rule == null) {
                throw new IllegalArgumentException("openfraud.quality.severity names an unknown rule: " + id);
            }
            byId.put(id, rule.withSeverity(severity));
        });
        this.rules = Map.copyOf(byId);
        this.version = versionOf(byId.values());
        this.ordered = List.copyOf(byId.values());
    }

    private final List<QualityRule> ordered;

    public static RuleCatalogue defaults() {
        return new RuleCatalogue(Map.of());
    }

    /** Every rule, in evaluation order. */
    public List<QualityRule> rules() {
        return ordered;
    }

    public Optional<QualityRule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** The rule with {@code id}; it must exist. */
    public QualityRule get(String id) {
        QualityRule rule = rules.get(id);
        if (rule == null) {
            throw new IllegalArgumentException("no rule " + id);
        }
        return rule;
    }

    /**
     * The rule-set version: {@code rs-} and the first 12 hex digits of a SHA-256 over every rule's id, version and
     * severity, so two deployments with the same rules and severities report the same version.
     */
    public String version() {
        return version;
    }

    private static String versionOf(Iterable<QualityRule> rules) {
        StringBuilder canonical = new StringBuilder();
        for (QualityRule rule : rules) {
            canonical.append(rule.id()).append(':').append(rule.version()).append(':').append(rule.severity())
                    .append(';');
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "rs-" + java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
