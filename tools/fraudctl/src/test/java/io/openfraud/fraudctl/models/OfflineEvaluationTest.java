package io.openfraud.fraudctl.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.model.training.TrainingReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fraudctl evaluate}'s core on a small generated file whose lines are <b>not</b> in time order (blocks of rows
 * swapped): the test slice must be the latest 20 % by event time, not the last lines, and the model must beat the
 * rules fallback on it.
 */
class OfflineEvaluationTest {

    /** Small and quick, as libs/fraud-model's ModelTrainerTest: about 20k rows, a few epochs, one PyTorch thread. */
    private static final TrainingConfig CONFIG = new TrainingConfig(List.of(32, 16), 0.1, 2e-3, 128, 8, 3, 0, 7L,
            0.6, 0.2, 0.01, 0.05, null, 50);
    private static final int ROWS = 20_000;
    // 70 rows ~ 23 min at a 20 s mean gap: within the builder's lateness bound; one swap straddles the 80 % line
    private static final int BLOCK = 70;

    @TempDir
    static Path dir;

    private static final Map<String, Instant> TIMES = new HashMap<>();
    private static List<String> lineIds;
    private static OfflineEvaluation.Dataset data;
    private static OfflineEvaluation.Result result;

    @BeforeAll
    static void evaluate() throws Exception {
        ObjectMapper json = EventJson.newMapper();
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        SyntheticTransactions.stream(new SyntheticTransactions.Options(2026, 400, 0.03,
                Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(20))).limit(ROWS).forEach(l -> {
                    ObjectNode node = json.valueToTree(l.transaction());
                    node.put("label", l.label().name());
                    lines.add(node.toString());
                    ids.add(l.transaction().transactionId());
                    TIMES.put(l.transaction().transactionId(), l.transaction().timestamp());
                });
        // swap every other pair of blocks: file order is no longer time order, the last lines are not the latest
        for (int b = 0; b + 2 * BLOCK <= lines.size(); b += 4 * BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                java.util.Collections.swap(lines, b + i, b + BLOCK + i);
                java.util.Collections.swap(ids, b + i, b + BLOCK + i);
            }
        }
        lineIds = ids;
        Path file = dir.resolve("generated.ndjson");
        Files.write(file, lines, StandardCharsets.UTF_8);
        TransactionMasker masker = new TransactionMasker("evaluate-test-pan-key-32-bytes!!".getBytes(),
                "evaluate-test-pseudonym-key-32b!".getBytes());
        data = OfflineEvaluation.read(FileFormat.NDJSON, file, masker);
        Map<String, String> half = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            half.put(ids.get(i), i % 2 == 0 ? "even" : "odd");
        }
        result = OfflineEvaluation.evaluate(data, CONFIG, Map.of("line", half), 200, (e, max, ap) -> { });
    }

    @Test
    void theTestSliceIsTheLatestFifthByEventTimeNotTheLastLines() {
        TrainingReport r = result.report();
        assertThat(data.rows().size()).isEqualTo(ROWS);
        assertThat(r.train().to()).isBeforeOrEqualTo(r.validation().from());
        assertThat(r.validation().to()).isBeforeOrEqualTo(r.test().from());
        assertThat(r.test().rows()).isEqualTo(ROWS - Math.round(ROWS * 0.8f));
        assertThat(r.train().rows() + r.validation().rows()).isEqualTo(Math.round(ROWS * 0.8f));

        Set<String> test = Set.of(result.testIds());
        assertThat(test).hasSize(r.test().rows());
        List<String> byTime = TIMES.keySet().stream()
                .sorted(Comparator.comparing((String id) -> TIMES.get(id)).thenComparing(id -> id)).toList();
        Instant earliestTest = test.stream().map(TIMES::get).min(Comparator.naturalOrder()).orElseThrow();
        Instant latestOther = TIMES.entrySet().stream().filter(e -> !test.contains(e.getKey()))
                .map(Map.Entry::getValue).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(earliestTest).as("no training or validation row is later than a test row")
                .isAfterOrEqualTo(latestOther);
        assertThat(test).as("the latest fifth by time")
                .containsAll(byTime.subList(byTime.size() - r.test().rows() + 1, byTime.size()));
        Set<String> lastLines = Set.copyOf(lineIds.subList(ROWS - r.test().rows(), ROWS));
        assertThat(test).as("not simply the last lines of the file").isNotEqualTo(lastLines);
        // ids, labels and scores stay aligned
        long frauds = 0;
        for (boolean label : result.testLabels()) {
            frauds += label ? 1 : 0;
        }
        assertThat(frauds).isEqualTo(r.test().frauds()).isGreaterThan(20);
    }

    @Test
    void theModelBeatsTheRulesFallbackOnTheTestSlice() {
        TrainingReport r = result.report();
        assertThat(r.model().prAuc()).as("model PR-AUC above the rules'").isGreaterThan(r.rules().prAuc());
        assertThat(r.model().rocAuc()).isGreaterThan(r.rules().rocAuc());
        assertThat(result.prAucInterval().estimate()).isEqualTo(r.model().prAuc(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(result.prAucInterval().lower()).isLessThanOrEqualTo(result.prAucInterval().estimate());
        assertThat(result.prAucInterval().upper()).isGreaterThanOrEqualTo(result.prAucInterval().estimate());
        assertThat(result.clusterKind()).isEqualTo("card");
        assertThat(result.rulesPrAucInterval().estimate()).isEqualTo(r.rules().prAuc(),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void groupMetricsPartitionTheTestSlice() {
        assertThat(result.groups()).extracting(OfflineEvaluation.GroupMetrics::group).containsExactly("even", "odd");
        assertThat(result.groups().stream().mapToInt(OfflineEvaluation.GroupMetrics::rows).sum())
                .isEqualTo(result.testIds().length);
        assertThat(result.groups().stream().mapToLong(OfflineEvaluation.GroupMetrics::frauds).sum())
                .isEqualTo(result.report().test().frauds());
        assertThat(Arrays.stream(result.testScores()).allMatch(s -> s >= 0 && s <= 1)).isTrue();
    }

    @Test
    void ageBandsAreTheDocumentedOnes() {
        assertThat(List.of(18, 29, 30, 44, 45, 59, 60, 90).stream().map(SparkovAttributes::ageBand)
                .collect(Collectors.toList())).containsExactly("<30", "<30", "30-44", "30-44", "45-59", "45-59", "60+",
                "60+");
    }
}
