package io.openfraud.ingestion.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.rules.QualityRule;
import io.openfraud.ingestion.quality.rules.RuleCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every intake path's data-quality gate: evaluates the catalogue on a record, counts each rule's passes and failures
 * ({@code openfraud_quality_rule_checks_total{rule,result}}) and each channel's outcomes
 * ({@code openfraud_quality_records_total{channel,outcome}}), and feeds the quality report.
 */
@ApplicationScoped
public class QualityGate {

    private volatile QualityCheck check;
    private final QualityConfig config;
    private final ObjectMapper mapper;
    private final QualityStatistics statistics;
    private final Clock clock;
    private final Map<String, Counter> passes = new HashMap<>();
    private final Map<String, Counter> failures = new HashMap<>();
    private final Map<IntakeChannel, Counter> accepted = new EnumMap<>(IntakeChannel.class);
    private final Map<IntakeChannel, Counter> rejected = new EnumMap<>(IntakeChannel.class);

    @jakarta.inject.Inject
    QualityGate(QualityConfig config, ObjectMapper mapper, MeterRegistry registry, QualityStatistics statistics) {
        this(config, mapper, new QualityCheck(new RuleCatalogue(config.severity()), mapper, config.maxClockSkew()),
                registry, statistics, Clock.systemUTC());
    }

    QualityGate(QualityConfig config, ObjectMapper mapper, QualityCheck check, MeterRegistry registry,
            QualityStatistics statistics, Clock clock) {
        this.config = config;
        this.mapper = mapper;
        this.check = check;
        this.statistics = statistics;
        this.clock = clock;
        for (QualityRule rule : check.catalogue().rules()) {
            passes.put(rule.id(), Counter.builder("openfraud.quality.rule.checks").tag("rule", rule.id())
                    .tag("result", "pass").description("Records checked by a data-quality rule").register(registry));
            failures.put(rule.id(), Counter.builder("openfraud.quality.rule.checks").tag("rule", rule.id())
                    .tag("result", "fail").description("Records checked by a data-quality rule").register(registry));
        }
        for (IntakeChannel channel : IntakeChannel.values()) {
            accepted.put(channel, Counter.builder("openfraud.quality.records").tag("channel", channel.name())
                    .tag("outcome", "accepted").register(registry));
            rejected.put(channel, Counter.builder("openfraud.quality.records").tag("channel", channel.name())
                    .tag("outcome", "rejected").register(registry));
        }
    }

    public RuleCatalogue catalogue() {
        return check.catalogue();
    }

    /**
     * Applies severities set at run time over the configured ones (an administrator's, shared through the
     * database); the rule-set version changes with them.
     */
    public void applyOverrides(Map<String, Severity> overrides) {
        Map<String, Severity> merged = new HashMap<>(config.severity());
        merged.putAll(overrides);
        RuleCatalogue catalogue = new RuleCatalogue(merged);
        if (!catalogue.version().equals(check.catalogue().version())) {
            check = new QualityCheck(catalogue, mapper, config.maxClockSkew());
        }
    }

    /** The rules' outcome without counting it anywhere (warm-up, previews). */
    public QualityCheck.Outcome dryRun(JsonNode body) {
        return check.check(body, clock.instant());
    }

    /**
     * The rules' outcome for one record received on {@code channel}; {@code maskedExample} gives a masked copy of
     * the record for the report's examples, called only when a rule failed.
     */
    public QualityCheck.Outcome evaluate(JsonNode body, IntakeChannel channel,
            java.util.function.Supplier<Map<String, Object>> maskedExample) {
        return count(check.check(body, clock.instant()), channel, maskedExample);
    }

    /**
     * {@link #evaluate(JsonNode, IntakeChannel, java.util.function.Supplier)} of a transaction already typed (a file
     * row): the same outcome and counts, cheaper (see {@link QualityCheck#checkTyped(Transaction, java.time.Instant)}).
     */
    public QualityCheck.Outcome evaluateTyped(Transaction transaction, IntakeChannel channel,
            java.util.function.Supplier<Map<String, Object>> maskedExample) {
        return count(check.checkTyped(transaction, clock.instant()), channel, maskedExample);
    }

    private QualityCheck.Outcome count(QualityCheck.Outcome outcome, IntakeChannel channel,
            java.util.function.Supplier<Map<String, Object>> maskedExample) {
        Set<String> failed = new HashSet<>();
        for (RuleViolation violation : outcome.violations()) {
            failed.add(violation.ruleId());
        }
        for (QualityRule rule : check.catalogue().rules()) {
            (failed.contains(rule.id()) ? failures : passes).get(rule.id()).increment();
        }
        (outcome.accepted() ? accepted : rejected).get(channel).increment();
        statistics.record(clock.instant(), outcome.violations(), failed.isEmpty() ? null : maskedExample);
        return outcome;
    }
}
