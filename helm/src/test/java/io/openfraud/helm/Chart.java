package io.openfraud.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test: where it is, its ci/ values files, and rendering through helm-java (helm, offline). */
final class Chart {

    static final String RELEASE = "openfraud";
    static final String NAMESPACE = "fraud";
    static final List<String> SERVICES = List.of("ingestion", "feature", "scoring", "retraining", "governance");
    static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {
    }

    static Path directory() {
        return Path.of(System.getProperty("openfraud.chart.dir", "openfraud")).toAbsolutePath().normalize();
    }

    static Path repository() {
        return Path.of(System.getProperty("openfraud.repository", "..")).toAbsolutePath().normalize();
    }

    /** Every ci/*.yaml values file, sorted. */
    static List<Path> ciValuesFiles() {
        try (Stream<Path> files = Files.list(directory().resolve("ci"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the chart with a values file and extra --set values; returns every non-empty document. */
    static List<JsonNode> render(Path valuesFile, Map<String, Object> set) {
        return documents(manifests(valuesFile, set));
    }

    /** The manifests as helm template prints them. */
    static String manifests(Path valuesFile, Map<String, Object> set) {
        var template = new Helm(directory()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (var entry : set.entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        return template.call();
    }

    static List<JsonNode> documents(String manifests) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            Iterator<JsonNode> it = new ObjectMapper().readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** values.yaml deep-merged with a ci/ values file (maps merge, everything else is replaced), as helm does. */
    static JsonNode mergedValues(Path valuesFile) throws IOException {
        JsonNode base = YAML.readTree(directory().resolve("values.yaml").toFile());
        merge((ObjectNode) base, YAML.readTree(valuesFile.toFile()));
        return base;
    }

    private static void merge(ObjectNode into, JsonNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue().isObject()) {
                merge(target, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        });
    }
}
