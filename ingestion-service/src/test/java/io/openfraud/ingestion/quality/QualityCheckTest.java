package io.openfraud.ingestion.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.rules.QualityRule;
import io.openfraud.ingestion.quality.rules.RuleCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityCheckTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String PAN = "4111111111111111";
    private static final String GOOD = """
            {"transactionId":"t-1","timestamp":"2025-06-01T11:00:00Z","type":"PAYMENT","amount":10.00,
             "currency":"EUR","customer":{"id":"c-1"},"counterparty":{"id":"m-1","balanceBefore":5,"balanceAfter":15},
             "account":{"balanceBefore":100,"balanceAfter":90},
             "card":{"pan":"%s","cvv":"123","expiry":"12/29"}}""".formatted(PAN);

    private final QualityCheck check = new QualityCheck(RuleCatalogue.defaults(), JSON, Duration.ofMinutes(5));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private QualityCheck.Outcome check(String text) throws Exception {
        return check.check(json(text), NOW);
    }

    @Test
    void aCleanTransactionPassesEveryRule() throws Exception {
        QualityCheck.Outcome outcome = check(GOOD);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.transaction()).hasValueSatisfying(t -> assertThat(t.transactionId()).isEqualTo("t-1"));
    }

    @Test
    void schemaViolationsBecomeRulesWithTheirFields() throws Exception {
        String bad = GOOD.replace("\"PAYMENT\"", "\"TELEPORT\"").replace("10.00", "-3")
                .replace("\"EUR\"", "\"EURO\"").replace("\"transactionId\":\"t-1\",", "");

        QualityCheck.Outcome outcome = check(bad);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.transaction()).isEmpty();
        assertThat(outcome.rejections()).extracting(RuleViolation::ruleId, RuleViolation::field).contains(
                org.assertj.core.groups.Tuple.tuple(RuleCatalogue.ENUM, "type"),
                org.assertj.core.groups.Tuple.tuple(RuleCatalogue.AMOUNT_POSITIVE, "amount"),
                org.assertj.core.groups.Tuple.tuple(RuleCatalogue.CURRENCY, "currency"),
                org.assertj.core.groups.Tuple.tuple(RuleCatalogue.REQUIRED, "transactionId"));
        assertThat(outcome.violations().toString()).doesNotContain(PAN, "TELEPORT", "EURO");
    }

    @Test
    void notJsonIsTheJsonRule() {
        assertThat(check.check(null, NOW).rejections()).extracting(RuleViolation::ruleId)
                .containsExactly(RuleCatalogue.JSON);
    }

    @Test
    void semanticRejections() throws Exception {
        assertThat(check(GOOD.replace("\"EUR\"", "\"XYZ\"")).rejections()).extracting(RuleViolation::ruleId)
                .containsExactly(RuleCatalogue.CURRENCY);
        assertThat(check(GOOD.replace("2025-06-01T11:00:00Z", "2025-06-01T12:06:00Z")).rejections())
                .extracting(RuleViolation::ruleId).containsExactly(RuleCatalogue.TIMESTAMP_SKEW);
        assertThat(check(GOOD.replace("2025-06-01T11:00:00Z", "2025-06-01T12:04:00Z")).accepted()).isTrue();
        assertThat(check(GOOD.replace(PAN, "4111111111111112")).rejections()).extracting(RuleViolation::ruleId)
                .containsExactly(RuleCatalogue.CARD_LUHN);
    }

    @Test
    void warningsLetTheRecordThroughMarked() throws Exception {
        QualityCheck.Outcome outcome = check(GOOD.replace("10.00", "10.005").replace("\"balanceAfter\":90",
                "\"balanceAfter\":50").replace("12/29", "01/25"));

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.warnings()).containsExactlyInAnyOrder(RuleCatalogue.AMOUNT_PRECISION, RuleCatalogue.BALANCE,
                RuleCatalogue.CARD_EXPIRED);
        assertThat(outcome.violations()).allMatch(v -> v.severity() == Severity.WARN);
    }

    @Test
    void cashInRaisesTheBalanceAndZeroMerchantBalancesMeanUnknown() throws Exception {
        String cashIn = GOOD.replace("\"PAYMENT\"", "\"CASH_IN\"").replace("\"balanceAfter\":90",
                "\"balanceAfter\":110").replace(",\n \"card\":{\"pan\":\"" + PAN + "\",\"cvv\":\"123\",\"expiry\":\"12/29\"}", "");
        assertThat(check(cashIn).warnings()).isEmpty();
        String zeros = GOOD.replace("\"balanceBefore\":5,\"balanceAfter\":15", "\"balanceBefore\":0,\"balanceAfter\":0");
        assertThat(check(zeros).warnings()).isEmpty();
        String wrongCounterparty = GOOD.replace("\"balanceAfter\":15", "\"balanceAfter\":16");
        assertThat(check(wrongCounterparty).violations()).extracting(RuleViolation::field).containsExactly("counterparty");
    }

    @Test
    void version2RulesOnThePerson() throws Exception {
        String v2 = GOOD.replace("{\"transactionId\"", "{\"schemaVersion\":2,\"transactionId\"")
                .replace("\"customer\":{\"id\":\"c-1\"}", "\"customer\":{\"id\":\"c-1\",\"person\":"
                        + "{\"dateOfBirth\":\"2030-01-01\",\"location\":{\"lat\":0,\"lon\":0}}}");

        QualityCheck.Outcome outcome = check(v2);

        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.warnings()).containsExactly(RuleCatalogue.DOB, RuleCatalogue.NULL_ISLAND);
        // The same body read as v1 ignores the person, so neither rule applies.
        assertThat(check(v2.replace("\"schemaVersion\":2,", "")).warnings()).isEmpty();
    }

    @Test
    void anOverriddenSeverityChangesTheOutcomeAndTheRuleSetVersion() throws Exception {
        RuleCatalogue strict = new RuleCatalogue(Map.of(RuleCatalogue.BALANCE, Severity.REJECT));
        QualityCheck strictCheck = new QualityCheck(strict, JSON, Duration.ofMinutes(5));
        String inconsistent = GOOD.replace("\"balanceAfter\":90", "\"balanceAfter\":50");

        assertThat(strictCheck.check(json(inconsistent), NOW).accepted()).isFalse();
        assertThat(check(inconsistent).accepted()).isTrue();
        assertThat(strict.version()).isNotEqualTo(RuleCatalogue.defaults().version()).startsWith("rs-");
        assertThat(RuleCatalogue.defaults().version()).isEqualTo(new RuleCatalogue(Map.of()).version());
    }

    @Test
    void everyRuleHasAUniqueIdADescriptionAndAVersion() {
        assertThat(RuleCatalogue.DEFAULTS).extracting(QualityRule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("DQ-[A-Z0-9-]+"));
        assertThat(RuleCatalogue.DEFAULTS).allMatch(r -> r.version() >= 1 && !r.description().isBlank());
    }

    @Test
    void aLuhnValidButShortCardNumberIsRejectedForLength() throws Exception {
        assertThat(check(GOOD.replace(PAN, "79927398713")).rejections()).extracting(RuleViolation::ruleId)
                .containsExactly(RuleCatalogue.CARD_LENGTH);
    }
}
