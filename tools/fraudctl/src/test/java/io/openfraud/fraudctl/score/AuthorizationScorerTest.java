package io.openfraud.fraudctl.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.TransactionReader;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link AuthorizationScorer} against a stub of the authorisation API: order, bounds, refusals, outages. */
class AuthorizationScorerTest {

    private static String row(int i, String amount, String label) {
        return "{\"transactionId\":\"t-" + i + "\",\"timestamp\":\"2025-01-01T10:00:0" + (i % 10) + "Z\","
                + "\"type\":\"CARD\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"customer\":{\"id\":\"c-" + i
                + "\"}" + (label == null ? "" : ",\"label\":\"" + label + "\"") + "}";
    }

    private static TransactionReader reader(String ndjson) {
        return FileFormat.NDJSON.open(new StringReader(ndjson), FormatOptions.defaults());
    }

    @Test
    void writesEveryRowInFileOrderWhileAnswersArriveOutOfOrderWithinTheBound() throws Exception {
        // 12 rows; t-1's answer is held until t-4 has been answered, so t-2..t-4 finish first
        String file = IntStream.rangeClosed(1, 12)
                .mapToObj(i -> i == 6 ? "not json" : row(i, i == 9 ? "-5.00" : Integer.toString(i * 80),
                        i % 3 == 0 ? "FRAUD" : null))
                .collect(Collectors.joining("\n")) + "\n";
        List<AuthorizationScorer.Outcome> outcomes = new ArrayList<>();
        try (FakeAuthorizationApi api = new FakeAuthorizationApi("t-1", "t-4");
                TransactionReader rows = reader(file)) {
            new AuthorizationScorer(api.url(), () -> "token-1", 4).score(rows, outcomes::add);

            assertThat(api.answered().indexOf("t-4")).as("answers arrived out of order")
                    .isLessThan(api.answered().indexOf("t-1"));
            assertThat(api.maxInFlight()).as("requests in flight").isBetween(2, 4);
            assertThat(api.authorization()).isEqualTo("Bearer token-1");
            assertThat(api.labelSeen()).as("labels are never sent").isFalse();
        }
        assertThat(outcomes).extracting(AuthorizationScorer.Outcome::rowNumber)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(outcomes.get(0)).satisfies(o -> {
            assertThat(o.transactionId()).isEqualTo("t-1");
            assertThat(o.kind()).isEqualTo(AuthorizationScorer.Kind.SCORED);
            assertThat(o.score()).isEqualTo(0.08);
            assertThat(o.decision()).isEqualTo("APPROVE");
        });
        assertThat(outcomes.get(6).decision()).isEqualTo("REVIEW"); // 560 / 1000
        assertThat(outcomes.get(5)).satisfies(o -> {
            assertThat(o.kind()).isEqualTo(AuthorizationScorer.Kind.MALFORMED);
            assertThat(o.reason()).isEqualTo("line: not valid JSON");
        });
        assertThat(outcomes.get(8)).satisfies(o -> {
            assertThat(o.transactionId()).isEqualTo("t-9");
            assertThat(o.kind()).isEqualTo(AuthorizationScorer.Kind.REJECTED);
            assertThat(o.reason()).isEqualTo("400 Bad Request: The transaction is not valid.; amount must be "
                    + "positive (DQ-AMOUNT-POSITIVE)");
        });
        assertThat(outcomes.get(11).decision()).isEqualTo("DECLINE"); // 960 / 1000
        assertThat(ScoreCommand.line(outcomes.get(8))).isEqualTo("t-9,,REJECTED,400 Bad Request: The transaction "
                + "is not valid.; amount must be positive (DQ-AMOUNT-POSITIVE)\n");
        assertThat(ScoreCommand.csv("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
        assertThat(ScoreCommand.line(outcomes.get(5))).isEqualTo(",,MALFORMED,row 6: line: not valid JSON\n");
        assertThat(ScoreCommand.line(outcomes.get(1))).isEqualTo("t-2,0.160000,APPROVE,\n");
    }

    @Test
    void anUnreachablePlatformStopsTheRunWithAClearMessage() throws Exception {
        try (TransactionReader rows = reader(row(1, "10", null) + "\n" + row(2, "20", null) + "\n")) {
            assertThatThrownBy(() -> new AuthorizationScorer(URI.create("http://127.0.0.1:1"), () -> "t", 2)
                    .score(rows, o -> { }))
                    .isInstanceOf(AuthorizationScorer.Unavailable.class)
                    .hasMessageContaining("cannot reach ingestion-service at http://127.0.0.1:1/api/v1/authorizations")
                    .hasMessageContaining("is the platform up?");
        }
    }
}
