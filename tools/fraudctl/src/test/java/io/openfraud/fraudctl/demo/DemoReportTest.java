package io.openfraud.fraudctl.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DemoReportTest {

    @Test
    void percentilesAreNearestRankOnSortedMicroseconds() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (i + 1) * 1000L;
        }
        assertThat(DemoRun.Report.percentileMillis(micros, 50)).isEqualTo(50.0);
        assertThat(DemoRun.Report.percentileMillis(micros, 99)).isEqualTo(99.0);
        assertThat(DemoRun.Report.percentileMillis(new long[] {7000}, 99)).isEqualTo(7.0);
        assertThat(DemoRun.Report.percentileMillis(new long[0], 50)).isNaN();
    }

    @Test
    void theReportNamesCountsAndBothPaths() {
        StringWriter text = new StringWriter();
        new DemoRun.Report(10, 9, 1, 9, new long[] {1000, 2000}, new long[] {3000}).print(new PrintWriter(text));
        assertThat(text.toString()).contains("sent 10, accepted 9, rejected 1, scored 9")
                .contains("sync").contains("p50 1.0 ms").contains("async").contains("p99 3.0 ms");
    }
}
