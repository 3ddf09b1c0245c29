package io.openfraud.retraining.registry.service;

import static io.openfraud.retraining.registry.service.PromotionGate.PR_AUC;
import static io.openfraud.retraining.registry.service.PromotionGate.RECALL_AT_TARGET_FPR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private final PromotionGate gate = new PromotionGate(0.005, 0.01);

    private static Map<String, Double> m(double prAuc, double recall) {
        return Map.of(PR_AUC, prAuc, RECALL_AT_TARGET_FPR, recall);
    }

    @Test
    void theFirstVersionBecomesChampion() {
        PromotionGate.Decision d = gate.decide(m(0.1, 0.1), null, null, Map.of());
        assertThat(d.promote()).isTrue();
        assertThat(d.first()).isTrue();
    }

    @Test
    void notWorseWithinTheTolerancePromotes() {
        PromotionGate.Decision d = gate.decide(m(0.896, 0.791), "3", "3", m(0.90, 0.80));
        assertThat(d.promote()).isTrue();
        assertThat(d.first()).isFalse();
        assertThat(d.reason()).startsWith("not worse than the champion").contains("prAuc 0.8960 vs champion 3 0.9000");
    }

    @Test
    void worsePrAucBeyondTheToleranceHolds() {
        PromotionGate.Decision d = gate.decide(m(0.894, 0.95), "3", "3", m(0.90, 0.80));
        assertThat(d.promote()).isFalse();
        assertThat(d.reason()).startsWith("worse than the champion on prAuc:");
    }

    @Test
    void worseRecallBeyondTheToleranceHolds() {
        PromotionGate.Decision d = gate.decide(m(0.99, 0.789), "3", "3", m(0.90, 0.80));
        assertThat(d.promote()).isFalse();
        assertThat(d.reason()).startsWith("worse than the champion on recallAtTargetFpr:");
    }

    @Test
    void bothWorseNamesBoth() {
        assertThat(gate.decide(m(0.5, 0.5), "3", "3", m(0.9, 0.8)).reason())
                .startsWith("worse than the champion on prAuc and recallAtTargetFpr");
    }

    @Test
    void aChampionNotEvaluatedOnTheSameWindowHoldsTheCandidate() {
        assertThat(gate.decide(m(0.99, 0.99), "3", null, Map.of()).promote()).isFalse();
        PromotionGate.Decision changed = gate.decide(m(0.99, 0.99), "4", "3", m(0.5, 0.5));
        assertThat(changed.promote()).isFalse();
        assertThat(changed.reason()).contains("champion 4 was not evaluated").contains("the run evaluated 3");
    }

    @Test
    void aCandidateWithoutAGateMetricIsHeld() {
        PromotionGate.Decision d = gate.decide(Map.of(PR_AUC, 0.99), "3", "3", m(0.5, 0.5));
        assertThat(d.promote()).isFalse();
        assertThat(d.reason()).contains("no recallAtTargetFpr");
        assertThat(gate.decide(Map.of(PR_AUC, Double.NaN, RECALL_AT_TARGET_FPR, 0.9), "3", "3", m(0.5, 0.5))
                .promote()).isFalse();
    }

    @Test
    void zeroToleranceMeansNotWorseAtAll() {
        PromotionGate strict = new PromotionGate(0, 0);
        assertThat(strict.decide(m(0.9, 0.8), "3", "3", m(0.9, 0.8)).promote()).isTrue();
        assertThat(strict.decide(m(0.8999, 0.8), "3", "3", m(0.9, 0.8)).promote()).isFalse();
        assertThatThrownBy(() -> new PromotionGate(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
