package io.openfraud.fraudctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartMetricsTest {

    @Test
    void namesMetricsButNotFunctionsLabelsDurationsKeywordsOrTemplateActions() {
        assertThat(ChartMetrics.metricNames("sum by (service, topic) (rate(kafka_producer_topic_record_send_total"
                + "{topic=~\".*\\\\.dlq\", job!=\"x\"}[5m] offset 1h)) / on(service) group_left(topic) "
                + "sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[$__rate_interval])) "
                + "> {{ .thresholds.dlqPerSecond }} and openfraud:lag:max > 1e3 unless absent(up_not)"))
                .containsExactlyInAnyOrder("kafka_producer_topic_record_send_total",
                        "http_server_requests_seconds_count", "openfraud:lag:max", "up_not");
    }

    @Test
    void readsRulesDashboardsAndPlannedListAndReportsWhatIsMissing(@TempDir Path chart) throws IOException {
        Files.createDirectories(chart.resolve("files/rules"));
        Files.createDirectories(chart.resolve("files/dashboards"));
        Files.writeString(chart.resolve("files/rules/platform.yaml"), """
                groups:
                  - name: g
                    rules:
                      - record: openfraud:rate:sum
                        expr: sum(rate(exported_total[5m]))
                      - alert: A
                        expr: openfraud:rate:sum > 1 or typo_metric_total > 0
                """);
        Files.writeString(chart.resolve("files/rules/planned.yaml"), """
                groups:
                  - name: p
                    rules:
                      - alert: Drift
                        expr: max(openfraud_drift_psi) > {{ .thresholds.driftPsi }}
                """);
        Files.writeString(chart.resolve("files/dashboards/d.json"),
                "{\"panels\":[{\"targets\":[{\"expr\":\"histogram_quantile(0.99, sum by (le) "
                        + "(rate(latency_seconds_bucket[5m])))\"}]}]}");
        Files.writeString(chart.resolve("files/planned-metrics.txt"), "openfraud_drift_psi  # issue 6\n");

        ChartMetrics metrics = ChartMetrics.of(chart);

        assertThat(metrics.recorded()).containsExactly("openfraud:rate:sum");
        assertThat(metrics.referenced()).containsOnlyKeys("exported_total", "openfraud:rate:sum", "typo_metric_total",
                "openfraud_drift_psi", "latency_seconds_bucket");
        assertThat(metrics.missing(ChartMetrics.exposedNames("""
                # TYPE exported_total counter
                exported_total{a="b"} 1.0
                latency_seconds_bucket{le="0.1"} 3
                """))).containsOnlyKeys("typo_metric_total");
        assertThat(metrics.plannedNamedOutsidePlannedRules()).isEmpty();
    }

    @Test
    void refusesAMultiLineExpression(@TempDir Path chart) throws IOException {
        Files.createDirectories(chart.resolve("files/rules"));
        Files.createDirectories(chart.resolve("files/dashboards"));
        Files.writeString(chart.resolve("files/rules/r.yaml"), "rules:\n  - alert: A\n    expr: |\n      up > 0\n");
        Files.writeString(chart.resolve("files/planned-metrics.txt"), "");
        assertThatThrownBy(() -> ChartMetrics.of(chart)).hasMessageContaining("one line");
    }
}
