package io.openfraud.ingestion.quality.rules;

import io.openfraud.events.transaction.RejectedTransaction.Severity;

/**
 * One data-quality rule of the catalogue: a stable id, a version raised whenever what it checks changes, a default
 * severity (a deployment may override it, see {@code openfraud.quality.severity}), the field it is about and what it
 * checks. Schema rules come from the canonical transaction's JSON Schema; the others check a parsed transaction.
 *
 * @param id          stable id, for example {@code DQ-CARD-LUHN}
 * @param version     version of the check
 * @param severity    default severity: REJECT stops the record, WARN lets it through marked
 * @param field       the field it is about ({@code *} for the whole record)
 * @param kind        SCHEMA (JSON Schema keyword family) or SEMANTIC (a check of the parsed transaction)
 * @param description what it checks, for the catalogue
 */
public record QualityRule(String id, int version, Severity severity, String field, Kind kind, String description) {

    /** Where a rule is evaluated. */
    public enum Kind {
        SCHEMA, SEMANTIC
    }

    /** This rule with {@code severity}. */
    public QualityRule withSeverity(Severity severity) {
        return new QualityRule(id, version, severity, field, kind, description);
    }
}
