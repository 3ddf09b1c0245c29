package io.openfraud.fraudctl.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.TransactionReader;

import io.openfraud.fraudctl.score.AuthorizationScorer.Kind;
import io.openfraud.fraudctl.score.AuthorizationScorer.Outcome;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The scoring and comparison of {@code evaluate --online} against an in-process stand-in of the platform's REST API
 * ({@link FakeOnlinePlatform}): each entity's rows in order and after the earlier ones are folded, answers in file
 * order, what is left out of the comparison, and the PR-AUC comparison itself.
 */
class OnlineCheckTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ROWS = 24;

    /** Row i: customer c-(i % 6) with card 40000000000000(i % 6), merchant m-(i % 5), amount 40 i. */
    private static String row(int i) {
        return String.format(Locale.ROOT, "{\"transactionId\":\"t-%d\",\"timestamp\":\"2025-01-01T10:%02d:00Z\","
                + "\"type\":\"CARD\",\"amount\":%d,\"currency\":\"EUR\",\"customer\":{\"id\":\"c-%d\"},"
                + "\"counterparty\":{\"id\":\"m-%d\"},\"card\":{\"pan\":\"40000000000000%02d\"}}", i, i, 40 * i,
                i % 6, i % 5, i % 6);
    }

    private static List<FakeOnlinePlatform.Row> file() {
        return IntStream.rangeClosed(1, ROWS).mapToObj(i -> new FakeOnlinePlatform.Row("t-" + i,
                Set.of("customer:c-" + i % 6, "card:" + (i % 6), "merchant:m-" + i % 5))).toList();
    }

    private static TransactionReader reader() {
        String ndjson = IntStream.rangeClosed(1, ROWS).mapToObj(OnlineCheckTest::row)
                .collect(Collectors.joining("\n")) + "\n";
        return FileFormat.NDJSON.open(new StringReader(ndjson), FormatOptions.defaults());
    }

    private static OnlineCheck.Scoring score(FakeOnlinePlatform platform, Duration foldWait) throws Exception {
        try (TransactionReader rows = reader()) {
            return OnlineCheck.scoreOnline(HTTP, platform.url(), platform.url(), () -> "token", 4, foldWait, rows);
        }
    }

    @Test
    void eachEntitysRowsAreSentOnlyOnceTheEarlierOnesAreFoldedWhileOtherEntitiesRunInParallel() throws Exception {
        OnlineCheck.Scoring scoring;
        try (FakeOnlinePlatform platform = new FakeOnlinePlatform(file(), 200).holding("t-1", "t-2")) {
            scoring = score(platform, Duration.ofSeconds(10));

            assertThat(platform.violations()).as("rows sent before an earlier row of their entity was folded")
                    .isEmpty();
            assertThat(platform.maxInFlight()).as("rows of different entities in flight together")
                    .isBetween(2, 4);
        }
        assertThat(scoring.outcomes()).extracting(Outcome::transactionId)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS).mapToObj(i -> "t-" + i).toList());
        assertThat(scoring.outcomes()).allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.SCORED));
        // merchants repeat every 5 rows, customers every 6: rows 1-5, 6-10, 11-15, 16-20, 21-24
        assertThat(scoring.waves()).isEqualTo(5);
        assertThat(scoring.unsettledWaves()).isZero();
    }

    @Test
    void refusedFailedAndDuplicateRowsAreNotAwaitedAsFoldsAndAreLeftOutOfTheComparison() throws Exception {
        OnlineCheck.Scoring scoring;
        try (FakeOnlinePlatform platform = new FakeOnlinePlatform(file(), 5).failing("t-3").scoredByRules("t-4")
                .duplicate("t-7")) {
            // a wait counting t-3 or t-7 as folds would time out: 5 s per wave, and unsettled waves counted
            scoring = score(platform, Duration.ofSeconds(5));

            assertThat(platform.violations()).isEmpty();
        }
        assertThat(scoring.unsettledWaves()).isZero();
        Outcome failed = scoring.outcomes().get(2);
        assertThat(failed.kind()).isEqualTo(Kind.ERROR);
        assertThat(failed.reason()).startsWith("500 Internal Server Error");

        String[] ids = IntStream.rangeClosed(1, ROWS).mapToObj(i -> "t-" + i).toArray(String[]::new);
        boolean[] labels = new boolean[ROWS];
        double[] offline = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = (i + 1) % 4 == 0;
            offline[i] = 0.04 * (i + 1);
        }
        OnlineCheck.Comparison c = OnlineCheck.compare(ids, labels, offline, scoring.outcomes(), "7");
        // t-3 failed, t-4 was scored by the rules; the duplicate t-7 still carries version 7's score of record
        assertThat(c.scored()).isEqualTo(ROWS - 2);
        assertThat(c.notScored()).isEqualTo(2);
        assertThat(c.meanAbsDiff()).isCloseTo(0, within(1e-9)); // online = amount / 1000 = 0.04 i = offline
        assertThat(c.onlinePrAuc()).isCloseTo(c.offlinePrAuc(), within(1e-12));
        assertThat(OnlineCheck.compare(ids, labels, offline, scoring.outcomes(), "8").scored())
                .as("answers of another version").isZero();
    }

    @Test
    void aWaveWhoseFoldsNeverArriveIsCountedAndTheNextWaveStillGoes() throws Exception {
        OnlineCheck.Scoring scoring;
        try (FakeOnlinePlatform platform = new FakeOnlinePlatform(file(), 5).neverFolding("t-2")) {
            scoring = score(platform, Duration.ofMillis(300));
        }
        assertThat(scoring.outcomes()).hasSize(ROWS);
        assertThat(scoring.unsettledWaves()).as("only the first wave (t-1..t-5) lacks a fold").isEqualTo(1);
    }

    @Test
    void aRefusedTokenStopsTheCheckWithAClearMessage() throws Exception {
        try (FakeOnlinePlatform platform = new FakeOnlinePlatform(file(), 5).refusingTheToken()) {
            assertThatThrownBy(() -> score(platform, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ingestion-service refused the token (401)");
        }
    }

    @Test
    void theComparisonKeepsOnlyRowsTheVersionScoredAndComputesBothPrAucsOnThem() {
        String[] ids = {"a", "b", "c", "d", "e", "f"};
        boolean[] labels = {true, false, true, false, true, false};
        double[] offline = {0.9, 0.2, 0.8, 0.1, 0.05, 0.3};
        List<Outcome> online = List.of(
                scored("a", 0.9, "MODEL", "7"), scored("b", 0.8, "MODEL", "7"), scored("c", 0.7, "MODEL", "7"),
                scored("d", 0.1, "MODEL", "7"), scored("e", 0.99, "RULES", "rules-1"),
                new Outcome(6, "f", Kind.REJECTED, null, null, null, null, false, false, "400 Bad Request"));

        OnlineCheck.Comparison c = OnlineCheck.compare(ids, labels, offline, online, "7");

        assertThat(c.scored()).isEqualTo(4);
        assertThat(c.notScored()).isEqualTo(2);
        // online ranks a+ b- c+ d-: precision 1 at a, 2/3 at c -> (1 + 2/3) / 2; offline ranks a+ c+ b- d-: 1
        assertThat(c.onlinePrAuc()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(c.offlinePrAuc()).isCloseTo(1.0, within(1e-12));
        assertThat(c.meanAbsDiff()).isCloseTo((0 + 0.6 + 0.1 + 0) / 4, within(1e-12));
        assertThat(c.maxAbsDiff()).isCloseTo(0.6, within(1e-12));
        assertThat(new OnlineCheck.Result(1, "7", "CHAMPION", 10, 6, c.scored(), c.notScored(), c.onlinePrAuc(),
                c.offlinePrAuc(), c.meanAbsDiff(), c.maxAbsDiff(), 1, 0).gap()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(OnlineCheck.compare(ids, labels, offline, List.of(), "7").onlinePrAuc()).isNaN();
    }

    private static Outcome scored(String id, double score, String scorer, String version) {
        return new Outcome(1, id, Kind.SCORED, score, "APPROVE", scorer, version, false, false, null);
    }

}
