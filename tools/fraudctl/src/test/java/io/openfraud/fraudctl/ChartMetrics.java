package io.openfraud.fraudctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The metric names that the Helm chart's Prometheus rules ({@code files/rules/*.yaml}) and Grafana dashboards
 * ({@code files/dashboards/*.json}) refer to, and a check of them against what the running services export.
 * Rules keep each {@code expr:} on one line (a block scalar is refused here), so they are read without a YAML parser.
 * Metrics that a later issue adds are listed in {@code files/planned-metrics.txt} and may be named only by
 * {@code files/rules/planned.yaml}.
 */
final class ChartMetrics {

    static final String PLANNED_RULES = "planned.yaml";

    private static final Pattern EXPR = Pattern.compile("^\\s*-?\\s*expr:\\s*(.*)$");
    private static final Pattern RECORD = Pattern.compile("^\\s*-?\\s*record:\\s*(\\S+)\\s*$");
    private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{.*?}}");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN", "atan2");

    private final Map<String, Set<String>> referencedBy = new TreeMap<>();
    private final Set<String> recorded = new TreeSet<>();
    private final Set<String> planned = new TreeSet<>();
    private final Set<String> namedOutsidePlannedRules = new TreeSet<>();

    private ChartMetrics() {
    }

    /** Reads the chart at {@code chart} (the directory holding Chart.yaml). */
    static ChartMetrics of(Path chart) {
        ChartMetrics metrics = new ChartMetrics();
        try (Stream<Path> rules = Files.list(chart.resolve("files/rules"));
                Stream<Path> dashboards = Files.list(chart.resolve("files/dashboards"))) {
            for (Path file : rules.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                metrics.readRules(file);
            }
            ObjectMapper mapper = new ObjectMapper();
            for (Path file : dashboards.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                List<String> expressions = new ArrayList<>();
                collectExpressions(mapper.readTree(file.toFile()), expressions);
                if (expressions.isEmpty()) {
                    throw new IllegalStateException(file + " has no panel expression");
                }
                expressions.forEach(e -> metrics.reference(e, "dashboard " + file.getFileName(), true));
            }
            for (String line : Files.readAllLines(chart.resolve("files/planned-metrics.txt"))) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) {
                    metrics.planned.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return metrics;
    }

    private void readRules(Path file) throws IOException {
        boolean plannedFile = file.getFileName().toString().equals(PLANNED_RULES);
        for (String line : Files.readAllLines(file)) {
            Matcher record = RECORD.matcher(line);
            if (record.matches()) {
                recorded.add(record.group(1));
            }
            Matcher expr = EXPR.matcher(line);
            if (expr.matches()) {
                String expression = expr.group(1).trim();
                if (expression.startsWith("|") || expression.startsWith(">") || expression.isEmpty()) {
                    throw new IllegalStateException(file + ": keep each expr on one line: " + line);
                }
                reference(expression, "rule file " + file.getFileName(), !plannedFile);
            }
        }
    }

    private void reference(String expression, String where, boolean outsidePlannedRules) {
        for (String name : metricNames(expression)) {
            referencedBy.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
            if (outsidePlannedRules) {
                namedOutsidePlannedRules.add(name);
            }
        }
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }

    /** Metric names in a PromQL expression (template actions, strings, matchers, ranges and groupings removed). */
    static Set<String> metricNames(String expression) {
        String stripped = TEMPLATE_ACTION.matcher(expression).replaceAll(" 0 ");
        stripped = STRING.matcher(stripped).replaceAll("\"\"");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGE.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean call = identifier.group(2) != null;
            if (!call && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Sample and family names in a Prometheus text exposition. */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ") || line.startsWith("# HELP ")) {
                names.add(line.split(" ")[2]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Every referenced metric name, with where it is referenced. */
    Map<String, Set<String>> referenced() {
        return referencedBy;
    }

    /** Recording-rule names the chart defines. */
    Set<String> recorded() {
        return recorded;
    }

    /** Metrics that later issues add, named only by the planned rules. */
    Set<String> planned() {
        return planned;
    }

    /** Referenced names that are neither exported, nor recorded by the chart, nor planned. */
    Map<String, Set<String>> missing(Set<String> exported) {
        Map<String, Set<String>> missing = new TreeMap<>();
        referencedBy.forEach((name, where) -> {
            if (!exported.contains(name) && !recorded.contains(name) && !planned.contains(name)) {
                missing.put(name, where);
            }
        });
        return missing;
    }

    /** Planned names that are referenced outside the planned rules (a dashboard or a default alert). */
    Set<String> plannedNamedOutsidePlannedRules() {
        Set<String> misplaced = new TreeSet<>(planned);
        misplaced.retainAll(namedOutsidePlannedRules);
        return misplaced;
    }
}
