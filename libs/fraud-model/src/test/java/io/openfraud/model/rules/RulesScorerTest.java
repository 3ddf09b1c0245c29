package io.openfraud.model.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesScorerTest {

    private static final List<String> NAMES = List.of("amount", "amount_log", "customer_txn_count", "has_previous",
            "seconds_since_previous");

    @Test
    void quietTransactionKeepsTheBaseScore() {
        RuleScore s = RulesScorer.score(Map.of("amount_log", Math.log1p(50), "customer_txn_count", 3.0));
        assertThat(s.score()).isEqualTo(0.02);
        assertThat(s.hits()).isEmpty();
    }

    @Test
    void rulesAddUpAndReasonsComeLargestFirst() {
        // very high amount (+0.6), new customer (+0.1), rapid repeat (+0.3): 0.02 + 1.0 capped at 0.99
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("amount_log", Math.log1p(200_000));
        f.put("customer_txn_count", 0.0);
        f.put("has_previous", 1.0);
        f.put("seconds_since_previous", 10.0);
        RuleScore s = RulesScorer.score(f);
        assertThat(s.score()).isEqualTo(0.99);
        assertThat(s.hits()).extracting(RuleHit::code).containsExactly("AMOUNT_VERY_HIGH", "RAPID_REPEAT",
                "NEW_CUSTOMER");
        // high (not very high) amount alone: 0.02 + 0.3
        assertThat(RulesScorer.score(Map.of("amount_log", Math.log1p(20_000))).score()).isCloseTo(0.32,
                within(1e-12));
    }

    @Test
    void absentCustomerCountIsNotANewCustomer() {
        assertThat(RulesScorer.score(Map.of()).hits()).isEmpty();
    }

    @Test
    void vectorAndMapFormsAgree() {
        RulesScorer vectors = RulesScorer.forFeatures(NAMES);
        double[][] rows = {
            {20_000, Math.log1p(20_000), 0, 1, 30},
            {10, Math.log1p(10), 4, 1, 3_600},
            {500_000, Math.log1p(500_000), 2, 0, 0},
        };
        for (double[] row : rows) {
            Map<String, Double> map = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                map.put(NAMES.get(i), row[i]);
            }
            assertThat(vectors.score(row)).isEqualTo(RulesScorer.score(map));
        }
        assertThat(vectors.probability(rows[0])).isCloseTo(0.72, within(1e-12)); // 0.02 + 0.3 + 0.1 + 0.3
    }
}
