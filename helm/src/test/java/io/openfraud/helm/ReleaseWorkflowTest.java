package io.openfraud.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        // the baseline model: fraudctl up trains the first champion on synthetic data, the job exports it
        assertThat(steps(jobs.path("model-training"))).anyMatch(run -> run.contains("./fraudctl up --detach"))
                .anyMatch(run -> run.contains("/api/v1/models/aliases/champion") && run.contains("/artifact"))
                .anyMatch(run -> run.contains("./fraudctl down"));
        assertThat(jobs.path("model-training").toString()).contains("upload-artifact")
                .doesNotContain("steps.trainer.outputs");
        assertThat(jobs.path("release").path("needs").toString()).contains("model-training");
    }

    /** Every {@code ./fraudctl SUB --option} a job runs names a real subcommand and its real long options. */
    @Test
    void everyFraudctlInvocationNamesARealSubcommandAndOption() throws IOException {
        Map<String, String> commands = fraudctlCommands();
        assertThat(commands).containsKeys("up", "down", "token", "train");
        List<String> invocations = new ArrayList<>();
        workflow.path("jobs").forEach(job -> steps(job).forEach(run -> {
            Matcher m = Pattern.compile("\\./fraudctl ([a-z][\\w-]*)([^\\n|;)&]*)").matcher(run);
            while (m.find()) {
                invocations.add(m.group(1) + m.group(2));
                String source = commands.get(m.group(1));
                assertThat(source).as("fraudctl subcommand %s", m.group(1)).isNotNull();
                Matcher option = Pattern.compile("(?<=\\s|^)(--[a-z][\\w-]*)").matcher(m.group(2));
                while (option.find()) {
                    assertThat(source).as("fraudctl %s %s", m.group(1), option.group(1))
                            .contains("\"" + option.group(1) + "\"");
                }
            }
        }));
        assertThat(invocations).isNotEmpty();
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

    /** fraudctl's top-level picocli subcommands (FraudctlCommand's list): name to source text. */
    private static Map<String, String> fraudctlCommands() throws IOException {
        Path root = Chart.repository().resolve("tools/fraudctl/src/main/java");
        Map<String, String> byClass = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                byClass.put(file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        String top = byClass.get("FraudctlCommand");
        Matcher list = Pattern.compile("subcommands\\s*=\\s*\\{([^}]*)}").matcher(top);
        assertThat(list.find()).as("FraudctlCommand's subcommands").isTrue();
        Map<String, String> commands = new HashMap<>();
        Pattern name = Pattern.compile("@Command\\(\\s*name\\s*=\\s*\"([\\w-]+)\"");
        Matcher type = Pattern.compile("(\\w+)\\.class").matcher(list.group(1));
        while (type.find()) {
            String source = byClass.get(type.group(1));
            assertThat(source).as("source of %s", type.group(1)).isNotNull();
            Matcher m = name.matcher(source);
            assertThat(m.find()).as("@Command name of %s", type.group(1)).isTrue();
            commands.put(m.group(1), source);
        }
        return commands;
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
