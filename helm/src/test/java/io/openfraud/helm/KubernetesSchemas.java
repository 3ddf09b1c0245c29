package io.openfraud.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates rendered objects against the Kubernetes schemas as the fabric8 model classes encode them, offline.
 * The model classes keep unknown fields in {@code additionalProperties} instead of failing, so after binding every
 * object graph is walked and any non-empty {@code additionalProperties} is an unknown field; scalar coercions that
 * the API server refuses (a number where a string belongs, a string where a number or boolean belongs) fail binding.
 * KEDA's ScaledObject has no model class here: its fields are checked against the CRD's documented field set.
 */
final class KubernetesSchemas {

    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Secret", Secret.class,
            "v1/ConfigMap", ConfigMap.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/Job", Job.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);
    private static final Map<String, Class<?>> MORE_MODELS = Map.of(
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class);

    private static final ObjectMapper MAPPER = strictMapper();

    private KubernetesSchemas() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** The problems of one object: empty when it is valid. */
    static List<String> problems(JsonNode object) {
        String kind = object.path("kind").asText();
        String id = object.path("apiVersion").asText() + "/" + kind;
        String name = id + " " + object.path("metadata").path("name").asText();
        if (id.equals("keda.sh/v1alpha1/ScaledObject")) {
            return ScaledObjectSchema.problems(name, object);
        }
        Class<?> model = MODELS.getOrDefault(id, MORE_MODELS.get(id));
        if (model == null) {
            return List.of(name + ": no schema known for " + id);
        }
        Object bound;
        try {
            bound = MAPPER.treeToValue(object, model);
        } catch (Exception e) {
            return List.of(name + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        walk(bound, name, problems);
        return problems;
    }

    /** Reports every non-empty additionalProperties map in a fabric8 object graph. */
    private static void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                walk(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String property = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            if (method.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                walk(child, path + "." + property, problems);
            }
        }
    }

    /** keda.sh/v1alpha1 ScaledObject: the fields of the CRD (KEDA 2.x) that the chart may use. */
    static final class ScaledObjectSchema {
        private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
        private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");
        private static final Set<String> SPEC = Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
                "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback", "advanced", "triggers");
        private static final Set<String> TARGET = Set.of("apiVersion", "kind", "name", "envSourceContainerName");
        private static final Set<String> TRIGGER = Set.of("type", "name", "metadata", "metricType",
                "authenticationRef", "useCachedMetrics");
        private static final Set<String> TRIGGER_TYPES = Set.of("cpu", "memory", "kafka", "prometheus",
                "apache-kafka");

        private ScaledObjectSchema() {
        }

        static List<String> problems(String name, JsonNode object) {
            List<String> problems = new ArrayList<>();
            only(name, object, TOP, problems);
            only(name + ".metadata", object.path("metadata"), METADATA, problems);
            JsonNode spec = object.path("spec");
            only(name + ".spec", spec, SPEC, problems);
            only(name + ".spec.scaleTargetRef", spec.path("scaleTargetRef"), TARGET, problems);
            if (!spec.path("scaleTargetRef").path("name").isTextual()) {
                problems.add(name + ": spec.scaleTargetRef.name is required");
            }
            for (String count : List.of("minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod")) {
                if (spec.has(count) && !spec.get(count).isInt()) {
                    problems.add(name + ": spec." + count + " must be an integer");
                }
            }
            if (!spec.path("triggers").isArray() || spec.path("triggers").isEmpty()) {
                problems.add(name + ": spec.triggers must be a non-empty list");
            }
            for (JsonNode trigger : spec.path("triggers")) {
                only(name + ".spec.triggers[]", trigger, TRIGGER, problems);
                if (!TRIGGER_TYPES.contains(trigger.path("type").asText())) {
                    problems.add(name + ": unknown trigger type " + trigger.path("type"));
                }
                trigger.path("metadata").fields().forEachRemaining(field -> {
                    if (!field.getValue().isTextual()) {
                        problems.add(name + ": trigger metadata " + field.getKey() + " must be a string");
                    }
                });
            }
            return problems;
        }

        private static void only(String where, JsonNode node, Set<String> allowed, List<String> problems) {
            node.fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field)) {
                    problems.add(where + ": unknown field " + field);
                }
            });
        }
    }
}
