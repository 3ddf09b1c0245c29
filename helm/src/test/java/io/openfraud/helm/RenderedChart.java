package io.openfraud.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendering of the chart, with lookups by kind and component. */
record RenderedChart(String profile, List<JsonNode> objects) {

    static final String COMPONENT = "app.kubernetes.io/component";

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** Deployments and Jobs: everything that runs pods. */
    List<JsonNode> workloads() {
        List<JsonNode> workloads = new ArrayList<>(ofKind("Deployment"));
        workloads.addAll(ofKind("Job"));
        return workloads;
    }

    Optional<JsonNode> deployment(String service) {
        return ofKind("Deployment").stream().filter(d -> component(d).equals(service + "-service")).findFirst();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String component(JsonNode object) {
        return object.path("metadata").path("labels").path(COMPONENT).asText();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static Map<String, String> podLabels(JsonNode workload) {
        return strings(workload.path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> strings(JsonNode map) {
        Map<String, String> strings = new HashMap<>();
        map.fields().forEachRemaining(f -> strings.put(f.getKey(), f.getValue().asText()));
        return strings;
    }

    /** Whether a label selector's matchLabels (no expressions in this chart) select these labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.has("matchExpressions")) {
            throw new IllegalStateException("matchExpressions not expected in " + selector);
        }
        return labels.entrySet().containsAll(strings(selector.path("matchLabels")).entrySet());
    }

    /** The container of a service Deployment named like its component. */
    static JsonNode mainContainer(JsonNode deployment) {
        for (JsonNode container : podSpec(deployment).path("containers")) {
            if (container.path("name").asText().equals(component(deployment))) {
                return container;
            }
        }
        throw new AssertionError("no container named " + component(deployment) + " in " + name(deployment));
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        for (JsonNode entry : container.path("env")) {
            env.put(entry.path("name").asText(), entry);
        }
        return env;
    }

    @Override
    public String toString() {
        return profile;
    }
}
