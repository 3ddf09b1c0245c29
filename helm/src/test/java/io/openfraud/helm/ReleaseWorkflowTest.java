package io.openfraud.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release workflow for the hosted CI, read as data (it cannot run here): the jobs it promises, in order, with
 * pinned actions, building every service image from its Dockerfile and packaging the chart this module tests.
 */
class ReleaseWorkflowTest {

    private final JsonNode workflow;

    ReleaseWorkflowTest() throws IOException {
        workflow = Chart.YAML.readTree(Chart.repository().resolve(".github/workflows/release.yml").toFile());
    }

    @Test
    void buildsTestsPublishesImagesAndChartAndTrainsTheBaselineModel() {
        JsonNode jobs = workflow.path("jobs");
        assertThat(names(jobs)).contains("build", "images", "native-images", "chart", "model-training", "release");
        assertThat(steps(jobs.path("build"))).anyMatch(run -> run.contains("./mvnw -B verify"));
        assertThat(jobs.path("build").toString()).contains("OPENFRAUD_REQUIRE_TERRAFORM");
        List<String> services = new ArrayList<>();
        jobs.path("images").path("strategy").path("matrix").path("service").forEach(s -> services.add(s.asText()));
        assertThat(services).containsExactlyInAnyOrder("ingestion-service", "feature-service", "scoring-service",
                "retraining-service", "governance-service");
        assertThat(jobs.path("images").toString()).contains("/src/main/docker/Dockerfile.jvm");
        assertThat(jobs.path("images").path("needs").asText()).isEqualTo("build");
        assertThat(steps(jobs.path("chart"))).anyMatch(run -> run.contains("helm lint --strict helm/openfraud"))
                .anyMatch(run -> run.contains("helm package helm/openfraud"));
        assertThat(jobs.path("model-training").toString()).contains("fraudctl train");
    }

    @Test
    void everyActionIsPinnedToAVersion() {
        List<String> uses = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("uses")) {
                uses.add(step.path("uses").asText());
            }
        }));
        assertThat(uses).isNotEmpty().allMatch(u -> u.matches("[\\w.-]+/[\\w.-]+@(v\\d+(\\.\\d+)*|\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> steps(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.add(step.path("run").asText()));
        return runs;
    }
}
