package io.openfraud.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md, the guide issue #9 asks for, read as data: its sections, the audit table of #9's acceptance
 * bullets (every test it names exists, every file it points to exists), the Terraform outputs and chart values it maps
 * onto each other, and the release workflow's jobs it describes.
 */
class OperationsDocTest {

    static final String AUDIT = "## What #9 asks and what proves it";
    static final Set<String> STATUSES = Set.of("proved here", "documented as not provable here", "missing");

    private final String doc;

    OperationsDocTest() throws IOException {
        doc = Files.readString(Chart.repository().resolve("docs/operations.md"));
    }

    @Test
    void operationsGuideHasEverySectionTheIssueAsksFor() {
        assertThat(doc).contains("## Install\n", "## Upgrade\n", "## Roll back\n", "## Scaling\n",
                "## What was NOT tested here\n", AUDIT + "\n");
        String untested = section("## What was NOT tested here");
        assertThat(untested).contains("**No cluster**", "**No helm binary install**", "**No Terraform providers**",
                "**No container engine**", "**No native image**", "**No hosted CI**");
    }

    @Test
    void auditTableNamesOnlyTestsAndFilesThatExist() {
        List<List<String>> rows = auditRows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(25);
        Map<String, Path> testSources = testSources();
        List<String> problems = new ArrayList<>();
        Pattern test = Pattern.compile("`(\\w+)#(\\w+)`");
        Pattern path = Pattern.compile("`([\\w./-]+/[\\w./*-]*|[\\w-]+\\.(?:md|yaml|yml|tf|tpl|json|xml|txt))`");
        for (List<String> row : rows) {
            String bullet = row.get(0);
            assertThat(row).as("columns of %s", bullet).hasSize(4);
            String status = row.get(3).replace("*", "").trim();
            assertThat(STATUSES).as("status of %s", bullet).contains(status);
            Matcher tests = test.matcher(row.get(2));
            int named = 0;
            while (tests.find()) {
                named++;
                Path source = testSources.get(tests.group(1));
                if (source == null) {
                    problems.add(bullet + ": no test class " + tests.group(1));
                } else if (!read(source).matches("(?s).*\\bvoid " + tests.group(2) + "\\(.*")) {
                    problems.add(bullet + ": no test " + tests.group(1) + "#" + tests.group(2));
                }
            }
            if (status.equals("proved here")) {
                assertThat(named).as("%s is proved by a named test", bullet).isPositive();
            }
            if (status.equals("documented as not provable here")) {
                assertThat(row.get(2)).as("%s points to where the doc says so", bullet).contains("operations.md");
            }
            Matcher files = path.matcher(row.get(1));
            while (files.find()) {
                String file = files.group(1).replace("*", "");
                if (!Files.exists(Chart.repository().resolve(file))) {
                    problems.add(bullet + ": no file " + file);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAuditCheckFindsATestThatDoesNotExist() {
        Map<String, Path> sources = testSources();
        assertThat(sources).containsKeys("ChartTest", "TerraformTest", "PlatformEndToEndIT");
        assertThat(read(sources.get("ChartTest"))).matches("(?s).*\\bvoid everyValueIsDocumented\\(.*")
                .doesNotMatch("(?s).*\\bvoid everyValueIsDocumentedTwice\\(.*");
    }

    @Test
    void everyTerraformOutputAndChartValueInTheInstallMappingExists() throws IOException {
        String table = doc.substring(doc.indexOf("| value | Terraform output |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Set<String> outputs = new TreeSet<>();
        Matcher declared = Pattern.compile("(?m)^output \"(\\w+)\"").matcher(
                Files.readString(TerraformTest.terraform().resolve("environments/prod/outputs.tf")));
        while (declared.find()) {
            outputs.add(declared.group(1));
        }
        JsonNode values = Chart.YAML.readTree(Chart.directory().resolve("values.yaml").toFile());
        int checkedOutputs = 0;
        int checkedValues = 0;
        for (String line : table.lines().skip(2).toList()) {
            String[] cells = line.split("\\|");
            Matcher value = Pattern.compile("`([\\w.\"/-]+)(?::[^`]*)?`").matcher(cells[1]);
            while (value.find()) {
                String key = value.group(1).replaceAll("\\.\"[^\"]*\"$", "");
                assertThat(lookup(values, key)).as("values.yaml has %s", key).isPresent();
                checkedValues++;
            }
            Matcher output = Pattern.compile("`([a-z][a-z0-9_]*)`").matcher(cells[2]);
            while (output.find()) {
                assertThat(outputs).as("terraform/environments/prod outputs").contains(output.group(1));
                checkedOutputs++;
            }
        }
        assertThat(checkedOutputs).isGreaterThanOrEqualTo(10);
        assertThat(checkedValues).isGreaterThanOrEqualTo(10);
    }

    @Test
    void releaseWorkflowIsDocumentedJobByJob() throws IOException {
        JsonNode workflow = Chart.YAML.readTree(Chart.repository().resolve(".github/workflows/release.yml").toFile());
        String section = section("## Images and the release workflow");
        assertThat(section).contains("(../.github/workflows/release.yml)");
        List<String> jobs = new ArrayList<>();
        workflow.path("jobs").fieldNames().forEachRemaining(jobs::add);
        assertThat(jobs).isNotEmpty().allSatisfy(job -> assertThat(section).as("job %s described", job)
                .contains("`" + job + "`"));
    }

    @Test
    void terraformReadmeSaysHowToValidateAndPlanWhereProvidersAreReachable() throws IOException {
        String readme = Files.readString(TerraformTest.terraform().resolve("README.md"));
        assertThat(readme).contains("terraform init", "terraform validate", "terraform plan", "terraform fmt -check");
    }

    private List<List<String>> auditRows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = section(AUDIT).lines().filter(l -> l.startsWith("|")).toList();
        assertThat(lines.get(0)).isEqualTo("| bullet of #9 | where | proof | status |");
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private String section(String heading) {
        int start = doc.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static Optional<JsonNode> lookup(JsonNode values, String dotted) {
        JsonNode node = values;
        for (String part : dotted.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    /** Test classes of every module: simple name to source file. */
    private static Map<String, Path> testSources() {
        Map<String, Path> sources = new HashMap<>();
        Path repository = Chart.repository();
        try (Stream<Path> modules = Files.walk(repository, 5)) {
            for (Path dir : modules.filter(p -> p.endsWith(Path.of("src", "test", "java"))).toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .forEach(f -> sources.put(f.getFileName().toString().replace(".java", ""), f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
