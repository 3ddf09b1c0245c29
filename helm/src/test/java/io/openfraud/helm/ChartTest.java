package io.openfraud.helm;

import static io.openfraud.helm.RenderedChart.component;
import static io.openfraud.helm.RenderedChart.env;
import static io.openfraud.helm.RenderedChart.mainContainer;
import static io.openfraud.helm.RenderedChart.name;
import static io.openfraud.helm.RenderedChart.podLabels;
import static io.openfraud.helm.RenderedChart.podSpec;
import static io.openfraud.helm.RenderedChart.selects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart, linted and rendered by helm (helm-java, offline) with every ci/ values file, each object validated
 * against the Kubernetes schemas, and the platform's invariants checked on every workload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartTest {

    /** Who calls whom (NetworkPolicies must allow exactly these, in both directions). */
    private static final Set<String> CALLS = Set.of("ingestion->scoring", "scoring->feature",
            "governance->ingestion", "governance->feature", "governance->scoring", "governance->retraining",
            "retraining->ingestion");
    /** Which store port each service reaches. */
    private static final Map<Integer, Set<String>> STORE_PORTS = Map.of(
            5432, Set.of("ingestion", "retraining", "scoring"),
            6379, Set.of("feature"), 27017, Set.of("governance"));

    private final List<RenderedChart> renderings = new ArrayList<>();

    /** Renders every ci/ profile once; the manifests are kept in target/rendered/ for reading. */
    @BeforeAll
    void renderEveryCiProfile() throws IOException {
        assertThat(Chart.ciValuesFiles()).hasSizeGreaterThanOrEqualTo(3);
        Path rendered = Files.createDirectories(Path.of("target", "rendered"));
        for (Path values : Chart.ciValuesFiles()) {
            String manifests = Chart.manifests(values, Map.of());
            Files.writeString(rendered.resolve(values.getFileName()), manifests);
            List<JsonNode> objects = Chart.documents(manifests);
            renderings.add(new RenderedChart(values.getFileName().toString(), objects));
        }
    }

    List<RenderedChart> renderings() {
        return renderings;
    }

    List<Path> ciValuesFiles() {
        return Chart.ciValuesFiles();
    }

    @ParameterizedTest
    @MethodSource("ciValuesFiles")
    void lintsStrictlyWithEveryCiValuesFile(Path values, @TempDir Path copy) throws IOException {
        Path chart = copy.resolve("openfraud");
        copyTree(Chart.directory(), chart);
        Chart.YAML.writeValue(chart.resolve("values.yaml").toFile(), Chart.mergedValues(values));
        LintResult result = new Helm(chart).lint().strict().call();
        System.out.printf("[helm lint --strict] %s: %s%n", values.getFileName(), result.getMessages());
        assertThat(result.isFailed()).as("helm lint --strict with %s: %s", values.getFileName(), result.getMessages())
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyRenderedObjectMatchesTheKubernetesSchemas(RenderedChart chart) {
        assertThat(chart.objects()).hasSizeGreaterThan(20);
        List<String> problems = chart.objects().stream().flatMap(o -> KubernetesSchemas.problems(o).stream())
                .toList();
        assertThat(problems).isEmpty();
        for (JsonNode object : chart.objects()) {
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
                    .as("instance label of %s", name(object)).isEqualTo(Chart.RELEASE);
            assertThat(name(object).length()).as(name(object)).isLessThanOrEqualTo(63);
        }
    }

    @Test
    void schemaValidationRejectsUnknownFieldsAndWrongTypes() {
        JsonNode deployment = renderings.get(0).deployment("scoring").orElseThrow();
        assertThat(KubernetesSchemas.problems(deployment)).isEmpty();

        JsonNode typo = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) mainContainer(typo)).put("securityContxt", "x");
        assertThat(KubernetesSchemas.problems(typo)).singleElement().asString().contains("securityContxt");

        JsonNode wrongType = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) mainContainer(wrongType).path("ports").get(0))
                .put("containerPort", "8083");
        assertThat(KubernetesSchemas.problems(wrongType)).isNotEmpty();

        JsonNode numberAsString = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) mainContainer(numberAsString).path("env").get(0))
                .put("value", 8083);
        assertThat(KubernetesSchemas.problems(numberAsString)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyContainerRunsUnderRestrictedPodSecurityWithRequestsAndLimits(RenderedChart chart) {
        assertThat(chart.workloads()).isNotEmpty();
        for (JsonNode workload : chart.workloads()) {
            JsonNode pod = podSpec(workload);
            JsonNode podContext = pod.path("securityContext");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name(workload)).isFalse();
            assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
            assertThat(pod.path("hostPID").asBoolean(false)).isFalse();
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode container : containers) {
                String where = name(workload) + "/" + container.path("name").asText();
                JsonNode context = container.path("securityContext");
                assertThat(context.path("runAsNonRoot").asBoolean(podContext.path("runAsNonRoot").asBoolean()))
                        .as("%s runAsNonRoot", where).isTrue();
                int user = context.path("runAsUser").asInt(podContext.path("runAsUser").asInt(0));
                assertThat(user).as("%s runAsUser", where).isPositive();
                assertThat(context.path("allowPrivilegeEscalation").isBoolean()
                        && !context.path("allowPrivilegeEscalation").asBoolean())
                        .as("%s allowPrivilegeEscalation false", where).isTrue();
                assertThat(context.path("privileged").asBoolean(false)).as(where).isFalse();
                String seccomp = context.path("seccompProfile").path("type")
                        .asText(podContext.path("seccompProfile").path("type").asText());
                assertThat(seccomp).as("%s seccomp", where).isEqualTo("RuntimeDefault");
                assertThat(context.path("capabilities").path("drop").toString()).as("%s drop", where)
                        .isEqualTo("[\"ALL\"]");
                assertThat(context.path("capabilities").has("add")).as("%s adds capabilities", where).isFalse();
                assertThat(context.path("readOnlyRootFilesystem").asBoolean()).as("%s read-only root", where)
                        .isTrue();
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(container.path("resources").path(kind).path(resource).asText())
                                .as("%s %s.%s", where, kind, resource).isNotBlank();
                    }
                }
                assertThat(mounts(container, volumes)).as("%s writable /tmp", where).containsEntry("/tmp",
                        "emptyDir");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceHasDistinctStartupLivenessAndReadinessProbesOnQuarkusHealth(RenderedChart chart) {
        for (String service : Chart.SERVICES) {
            JsonNode container = mainContainer(chart.deployment(service).orElseThrow());
            Map<String, String> paths = new LinkedHashMap<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode http = container.path(probe).path("httpGet");
                assertThat(http.path("port").asText()).as("%s %s port", service, probe).isEqualTo("http");
                paths.put(probe, http.path("path").asText());
            }
            assertThat(paths).as(service).containsExactlyInAnyOrderEntriesOf(Map.of("startupProbe", "/q/health/started",
                    "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready"));
            assertThat(container.path("livenessProbe").toString()).as(service)
                    .isNotEqualTo(container.path("readinessProbe").toString());
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void djlServicesUseTheBakedEngineOfflineWithAWritableCache(RenderedChart chart) {
        for (String service : List.of("scoring", "retraining")) {
            JsonNode deployment = chart.deployment(service).orElseThrow();
            JsonNode container = mainContainer(deployment);
            Map<String, JsonNode> env = env(container);
            assertThat(env.get("DJL_OFFLINE").path("value").asText()).isEqualTo("true");
            assertThat(env.get("DJL_CACHE_DIR").path("value").asText()).isEqualTo("/var/cache/djl");
            assertThat(env).as("the image's ENGINE_CACHE_DIR holds the baked engine").doesNotContainKey(
                    "ENGINE_CACHE_DIR");
            Map<String, JsonNode> volumes = new HashMap<>();
            podSpec(deployment).path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            assertThat(mounts(container, volumes)).containsEntry("/var/cache/djl", "emptyDir")
                    .doesNotContainKey("/opt/djl");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void governanceKeepsTheAuditAnchorOnItsOwnVolume(RenderedChart chart) {
        JsonNode deployment = chart.deployment("governance").orElseThrow();
        JsonNode container = mainContainer(deployment);
        assertThat(env(container).get("OPENFRAUD_AUDIT_ANCHOR_FILE").path("value").asText())
                .isEqualTo("/var/lib/openfraud/audit/audit-anchor");
        Map<String, JsonNode> volumes = new HashMap<>();
        podSpec(deployment).path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        boolean demo = chart.ofKind("Deployment").stream().anyMatch(d -> component(d).equals("demo-mongodb"));
        List<JsonNode> claims = chart.ofKind("PersistentVolumeClaim");
        if (demo) {
            // the demo MongoDB is ephemeral: an anchor that outlived it would report TRUNCATED
            assertThat(mounts(container, volumes)).containsEntry("/var/lib/openfraud/audit", "emptyDir");
            assertThat(claims).isEmpty();
            return;
        }
        assertThat(mounts(container, volumes)).containsEntry("/var/lib/openfraud/audit", "persistentVolumeClaim");
        assertThat(claims).hasSize(1);
        JsonNode claim = claims.get(0);
        assertThat(volumes.get("audit-anchor").path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo(claim.path("metadata").path("name").asText()).endsWith("-governance-audit-anchor");
        assertThat(claim.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())
                .as("kept on uninstall").isEqualTo("keep");
        assertThat(claim.path("spec").path("accessModes").toString()).as("shared by the replicas")
                .isEqualTo("[\"ReadWriteMany\"]");
        for (String other : List.of("ingestion", "feature", "scoring", "retraining")) {
            assertThat(env(mainContainer(chart.deployment(other).orElseThrow())))
                    .doesNotContainKey("OPENFRAUD_AUDIT_ANCHOR_FILE");
        }
    }

    @Test
    void theAuditAnchorCanBeDisabledOrAnExistingClaimMounted() {
        Path values = Chart.directory().resolve("ci/external-values.yaml");
        RenderedChart off = new RenderedChart("off", Chart.render(values,
                Map.of("services.governance.auditAnchor.enabled", false)));
        assertThat(off.ofKind("PersistentVolumeClaim")).isEmpty();
        JsonNode governance = off.deployment("governance").orElseThrow();
        assertThat(env(mainContainer(governance))).doesNotContainKey("OPENFRAUD_AUDIT_ANCHOR_FILE");
        assertThat(podSpec(governance).path("volumes").toString()).doesNotContain("audit-anchor");

        RenderedChart existing = new RenderedChart("existing", Chart.render(values,
                Map.of("services.governance.auditAnchor.existingClaim", "worm-anchor")));
        assertThat(existing.ofKind("PersistentVolumeClaim")).isEmpty();
        assertThat(podSpec(existing.deployment("governance").orElseThrow()).path("volumes").toString())
                .contains("\"claimName\":\"worm-anchor\"");
    }

    @Test
    void refusesAReadWriteOnceAnchorSharedBySeveralReplicas() {
        Path values = Chart.directory().resolve("ci/external-values.yaml");
        assertThatThrownBy(() -> Chart.render(values, Map.of("services.governance.auditAnchor.accessModes[0]",
                "ReadWriteOnce"))).hasMessageContaining("must include ReadWriteMany with several replicas");
        assertThat(Chart.render(values, Map.of("services.governance.auditAnchor.accessModes[0]", "ReadWriteOnce",
                "services.governance.autoscaling.enabled", false, "services.governance.replicaCount", 1)))
                .isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void replicasSpreadAndPodDisruptionBudgetsCoverEveryService(RenderedChart chart) {
        for (String service : Chart.SERVICES) {
            JsonNode deployment = chart.deployment(service).orElseThrow();
            Map<String, String> labels = podLabels(deployment);
            JsonNode antiAffinity = podSpec(deployment).path("affinity").path("podAntiAffinity");
            List<JsonNode> terms = new ArrayList<>();
            antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(terms::add);
            antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution")
                    .forEach(t -> terms.add(t.path("podAffinityTerm")));
            assertThat(terms).as("%s anti-affinity", service).isNotEmpty().allSatisfy(term -> {
                assertThat(selects(term.path("labelSelector"), labels)).isTrue();
                assertThat(term.path("topologyKey").asText()).isNotBlank();
            });
            List<JsonNode> budgets = chart.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector"), labels)).toList();
            boolean enabled = !(chart.profile().startsWith("demo") && service.equals("governance"));
            assertThat(budgets).as("%s PDB", service).hasSize(enabled ? 1 : 0);
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void autoscalersOwnTheReplicaCountUseCpuAndLagAndStayWithinPartitions(RenderedChart chart) {
        Map<String, List<JsonNode>> scalers = new HashMap<>();
        for (JsonNode scaler : chart.objects()) {
            if (scaler.path("kind").asText().matches("HorizontalPodAutoscaler|ScaledObject")) {
                scalers.computeIfAbsent(scaler.path("spec").path("scaleTargetRef").path("name").asText(),
                        k -> new ArrayList<>()).add(scaler);
            }
        }
        assertThat(scalers).as("autoscaled workloads").isNotEmpty();
        scalers.forEach((target, list) -> assertThat(list).as("HPA and ScaledObject on %s", target).hasSize(1));
        for (JsonNode deployment : chart.ofKind("Deployment")) {
            List<JsonNode> list = scalers.get(name(deployment));
            if (list == null) {
                continue;
            }
            String service = component(deployment).replace("-service", "");
            JsonNode scaler = list.get(0);
            assertThat(deployment.path("spec").has("replicas")).as("%s: the autoscaler owns replicas", service)
                    .isFalse();
            boolean keda = scaler.path("kind").asText().equals("ScaledObject");
            int max = scaler.path("spec").path(keda ? "maxReplicaCount" : "maxReplicas").asInt();
            int min = scaler.path("spec").path(keda ? "minReplicaCount" : "minReplicas").asInt();
            assertThat(min).as(service).isBetween(1, max);
            assertThat(max).as("%s maxReplicas <= partitions of the topics it consumes", service)
                    .isLessThanOrEqualTo(maxConsumedPartitions(service));
            List<String> lagTopics = new ArrayList<>();
            if (keda) {
                List<String> types = new ArrayList<>();
                scaler.path("spec").path("triggers").forEach(t -> {
                    types.add(t.path("type").asText());
                    if (t.path("type").asText().equals("kafka")) {
                        lagTopics.add(t.path("metadata").path("topic").asText());
                        assertThat(t.path("metadata").path("consumerGroup").asText()).isEqualTo(service + "-service");
                    }
                });
                assertThat(types).containsExactlyInAnyOrder("cpu", "kafka");
            } else {
                List<String> kinds = new ArrayList<>();
                scaler.path("spec").path("metrics").forEach(m -> {
                    kinds.add(m.path("type").asText());
                    if (m.path("type").asText().equals("Resource")) {
                        assertThat(m.path("resource").path("name").asText()).isEqualTo("cpu");
                    }
                    if (m.path("type").asText().equals("External")) {
                        JsonNode matchLabels = m.path("external").path("metric").path("selector").path("matchLabels");
                        lagTopics.add(matchLabels.path("topic").asText());
                        assertThat(matchLabels.path("consumergroup").asText()).isEqualTo(service + "-service");
                    }
                });
                assertThat(kinds).contains("Resource");
            }
            for (String topic : lagTopics) {
                Topic<?> consumed = Topics.byName(topic).orElseThrow();
                assertThat(consumed.consumers()).as("%s consumes %s", service, topic).contains(service + "-service");
                assertThat(max).as("%s maxReplicas <= partitions of %s", service, topic)
                        .isLessThanOrEqualTo(consumed.partitions());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void retrainingRunsOneTrainerAtATime(RenderedChart chart) {
        JsonNode retraining = chart.deployment("retraining").orElseThrow();
        assertThat(retraining.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(retraining.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
        assertThat(chart.objects()).noneMatch(o -> o.path("spec").path("scaleTargetRef").path("name").asText()
                .equals(name(retraining)));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void networkPoliciesDenyByDefaultAndAllowExactlyTheCallGraphDnsKafkaAndOwnStores(RenderedChart chart) {
        List<JsonNode> policies = chart.ofKind("NetworkPolicy");
        List<JsonNode> workloads = chart.workloads();
        for (JsonNode workload : workloads) {
            Map<String, String> labels = podLabels(workload);
            assertThat(policies).as("default deny covers %s", name(workload)).anyMatch(p -> {
                JsonNode spec = p.path("spec");
                return selects(spec.path("podSelector"), labels)
                        && spec.path("policyTypes").toString().equals("[\"Ingress\",\"Egress\"]")
                        && !spec.has("ingress") && !spec.has("egress");
            });
            assertThat(policies.stream().filter(p -> selects(p.path("spec").path("podSelector"), labels)))
                    .as("%s has its own policy", name(workload)).hasSizeGreaterThanOrEqualTo(2);
        }
        Set<String> edges = new TreeSet<>();
        for (String caller : Chart.SERVICES) {
            for (String callee : Chart.SERVICES) {
                JsonNode from = chart.deployment(caller).orElseThrow();
                JsonNode to = chart.deployment(callee).orElseThrow();
                int port = mainContainer(to).path("ports").get(0).path("containerPort").asInt();
                boolean egress = rules(policies, podLabels(from), "egress").stream()
                        .anyMatch(r -> peers(r, "to", podLabels(to)) && ports(r).contains(String.valueOf(port)));
                boolean ingress = rules(policies, podLabels(to), "ingress").stream()
                        .anyMatch(r -> peers(r, "from", podLabels(from)) && (ports(r).contains("http")
                                || ports(r).contains(String.valueOf(port))));
                if (egress && ingress && !caller.equals(callee)) {
                    edges.add(caller + "->" + callee);
                }
                if (egress != ingress && !caller.equals(callee)) {
                    throw new AssertionError(caller + "->" + callee + ": egress " + egress + ", ingress " + ingress);
                }
            }
        }
        assertThat(edges).isEqualTo(new TreeSet<>(CALLS));
        for (String service : Chart.SERVICES) {
            List<JsonNode> egress = rules(policies, podLabels(chart.deployment(service).orElseThrow()), "egress");
            Set<String> egressPorts = new HashSet<>();
            egress.forEach(r -> egressPorts.addAll(ports(r)));
            assertThat(egressPorts).as("%s DNS", service).contains("53");
            assertThat(egressPorts).as("%s Kafka", service).containsAnyOf("9092", "9094", "9096");
            STORE_PORTS.forEach((port, users) -> assertThat(egressPorts.contains(port.toString()))
                    .as("%s reaches port %d", service, port).isEqualTo(users.contains(service)));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyServiceGetsWhatItsProdProfileRequiresWithKeysFromSecrets(RenderedChart chart) throws IOException {
        Set<String> secrets = new HashSet<>();
        chart.ofKind("Secret").forEach(s -> secrets.add(name(s)));
        boolean created = !secrets.isEmpty();
        for (String service : Chart.SERVICES) {
            Map<String, JsonNode> env = env(mainContainer(chart.deployment(service).orElseThrow()));
            assertThat(env.get("QUARKUS_PROFILE").path("value").asText()).isEqualTo("prod");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").path("value").asText()).isNotBlank();
            Properties properties = applicationProperties(service);
            List<String> required = new ArrayList<>(List.of("mp.jwt.verify.publickey"));
            for (String key : properties.getProperty("openfraud.security.required-keys", "").split(",")) {
                if (!key.isBlank()) {
                    required.add(key.trim());
                }
            }
            for (String key : required) {
                String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
                JsonNode entry = env.get(variable);
                assertThat(entry).as("%s gets %s (%s)", service, key, variable).isNotNull();
                JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
                assertThat(ref.path("name").asText()).as("%s: %s from a secret", service, variable).isNotBlank();
                if (created) {
                    assertThat(secrets).as("secret of %s", variable).contains(ref.path("name").asText());
                }
            }
            for (JsonNode entry : env.values()) {
                assertThat(entry.path("name").asText()).as("a key or password as a plain value")
                        .matches(n -> !entry.has("value") || !n.matches(".*(PASSWORD|_KEY|_TOKEN|JAAS|PUBLICKEY)$"));
            }
            if (service.equals("ingestion")) {
                assertThat(env.get("QUARKUS_REST_CLIENT_SCORING_SERVICE_URL").path("value").asText())
                        .isEqualTo("http://openfraud-scoring:8083");
            }
            if (service.equals("scoring")) {
                assertThat(env.get("QUARKUS_REST_CLIENT_FEATURE_SERVICE_URL").path("value").asText())
                        .isEqualTo("http://openfraud-feature:8082");
                assertThat(env.get("QUARKUS_REST_CLIENT_MODEL_REGISTRY_URL").path("value").asText())
                        .isEqualTo("http://openfraud-retraining:8084");
                assertThat(env.get("SMALLRYE_JWT_SIGN_KEY").path("valueFrom").path("secretKeyRef").path("name")
                        .asText()).isNotBlank();
            }
            if (Set.of("ingestion", "retraining", "scoring").contains(service)) {
                assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText()).as(service)
                        .contains(":5432/" + service);
                assertThat(env).containsKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            }
            if (service.equals("retraining")) {
                // the trainer reads ingestion's export with a token from an optional secret (synthetic runs need none)
                assertThat(env.get("OPENFRAUD_INGESTION_URL").path("value").asText())
                        .isEqualTo("http://openfraud-ingestion:8081");
                JsonNode token = env.get("OPENFRAUD_TRAINER_EXPORT_TOKEN").path("valueFrom").path("secretKeyRef");
                assertThat(token.path("name").asText()).isNotBlank();
                assertThat(token.path("optional").asBoolean()).isTrue();
                if (created) {
                    assertThat(secrets).as("the trainer-export secret is created with the others (both CI files give a token)")
                            .contains(token.path("name").asText());
                }
            }
            if (service.equals("feature")) {
                assertThat(env).containsKey("QUARKUS_REDIS_HOSTS");
            }
            if (service.equals("governance")) {
                assertThat(env).containsKey("QUARKUS_MONGODB_CONNECTION_STRING");
            }
        }
    }

    @Test
    void everyOptionalTemplateIsSwitchedOnByAtLeastOneCiValuesFile() {
        Set<String> seen = new TreeSet<>();
        for (RenderedChart chart : renderings) {
            for (JsonNode object : chart.objects()) {
                seen.add(object.path("kind").asText());
                if (object.path("kind").asText().equals("HorizontalPodAutoscaler")) {
                    object.path("spec").path("metrics").forEach(m -> seen.add("HPA/" + m.path("type").asText()));
                }
                if (object.path("kind").asText().equals("ConfigMap")
                        && object.path("metadata").path("labels").has("grafana_dashboard")) {
                    seen.add("Dashboard");
                }
                if (component(object).startsWith("demo-")) {
                    seen.add("Demo/" + object.path("kind").asText() + "/" + component(object));
                }
            }
        }
        assertThat(seen).contains("ServiceMonitor", "PrometheusRule", "Dashboard", "ScaledObject", "HPA/External",
                "HPA/Resource", "PodDisruptionBudget", "NetworkPolicy", "Secret", "Job", "ServiceAccount",
                "Demo/Deployment/demo-kafka", "Demo/Deployment/demo-postgresql", "Demo/Deployment/demo-redis",
                "Demo/Deployment/demo-mongodb", "Demo/Job/demo-kafka-topics");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void monitoringScrapesQuarkusMetricsAndAlertsOnEverySignal(RenderedChart chart) throws IOException {
        for (JsonNode monitor : chart.ofKind("ServiceMonitor")) {
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(endpoint.path("port").asText()).isEqualTo("http");
        }
        Set<String> alerts = new TreeSet<>();
        for (JsonNode rule : chart.ofKind("PrometheusRule")) {
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode r : group.path("rules")) {
                    if (r.has("alert")) {
                        alerts.add(r.path("alert").asText());
                        assertThat(r.path("labels").path("severity").asText()).isIn("warning", "critical");
                        assertThat(r.path("annotations").path("summary").asText()).isNotBlank();
                        assertThat(r.path("expr").asText()).doesNotContain("{{ .Values");
                    }
                }
            }
        }
        List<String> always = List.of("OpenFraudConsumerLagHigh", "OpenFraudDeadLetters", "OpenFraudHttp5xx",
                "OpenFraudLatencyHigh", "OpenFraudFeatureDrift", "OpenFraudPerformanceDecay",
                "OpenFraudAuditChainBroken", "OpenFraudRequestsNearDeadline");
        if (!chart.ofKind("PrometheusRule").isEmpty()) {
            assertThat(alerts).containsAll(always);
        }
        ObjectMapper json = new ObjectMapper();
        for (JsonNode map : chart.ofKind("ConfigMap")) {
            if (map.path("metadata").path("labels").has("grafana_dashboard")) {
                map.path("data").fields().forEachRemaining(f -> {
                    try {
                        JsonNode dashboard = json.readTree(f.getValue().asText());
                        assertThat(dashboard.path("panels")).as(f.getKey()).isNotEmpty();
                        assertThat(dashboard.path("uid").asText()).as(f.getKey()).isNotBlank();
                    } catch (IOException e) {
                        throw new AssertionError(f.getKey() + " is not JSON", e);
                    }
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void topicsJobCreatesEveryTopicAndDeadLetterTopicWithTheDeclaredPartitionsAndRetention(RenderedChart chart) {
        List<JsonNode> scripts = chart.ofKind("ConfigMap").stream()
                .filter(m -> m.path("data").has("create-topics.sh")).toList();
        if (chart.ofKind("Job").isEmpty()) {
            assertThat(scripts).isEmpty();
            return;
        }
        String script = scripts.get(0).path("data").path("create-topics.sh").asText();
        Map<String, Integer> created = new TreeMap<>();
        Map<String, Long> retention = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^create (\\S+) (\\d+) (\\d+)$").matcher(script);
        while (m.find()) {
            created.put(m.group(1), Integer.parseInt(m.group(2)));
            retention.put(m.group(1), Long.parseLong(m.group(3)));
        }
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Long> expectedRetention = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions()));
        Topics.deadLetterTopics().forEach(t -> expected.put(t, 1));
        expected.keySet().forEach(t -> expectedRetention.put(t,
                Long.parseLong(io.openfraud.events.kafka.TopicProvisioner.declaredConfigs(t).get("retention.ms"))));
        assertThat(created).isEqualTo(expected);
        assertThat(retention).as("retention.ms per topic and dead-letter topic").isEqualTo(expectedRetention);
        // Created with the configs and set again on existing topics, so a hand-made change does not survive an upgrade.
        assertThat(script).contains("--create --if-not-exists", "--config \"retention.ms=$3\"",
                "--config cleanup.policy=delete", "kafka-configs.sh", "--alter --entity-type topics --entity-name \"$1\"",
                "--add-config \"retention.ms=$3,cleanup.policy=delete\"");
    }

    @Test
    void topicPartitionsInValuesMirrorTopics() throws IOException {
        JsonNode values = Chart.YAML.readTree(Chart.directory().resolve("values.yaml").toFile());
        Map<String, Integer> inValues = new TreeMap<>();
        values.path("kafka").path("topicPartitions").fields()
                .forEachRemaining(f -> inValues.put(f.getKey(), f.getValue().asInt()));
        Map<String, Integer> declared = new TreeMap<>();
        Topics.ALL.forEach(t -> declared.put(t.name(), t.partitions()));
        assertThat(inValues).isEqualTo(declared);
    }

    @Test
    void topicRetentionInValuesMirrorsTopics() throws IOException {
        JsonNode values = Chart.YAML.readTree(Chart.directory().resolve("values.yaml").toFile());
        Map<String, Long> inValues = new TreeMap<>();
        values.path("kafka").path("topicRetentionMs").fields()
                .forEachRemaining(f -> inValues.put(f.getKey(), f.getValue().asLong()));
        Map<String, Long> declared = new TreeMap<>();
        Topics.ALL.forEach(t -> declared.put(t.name(), t.retention().toMillis()));
        assertThat(inValues).isEqualTo(declared);
    }

    @Test
    void aTopicWithoutRetentionIsRefused() {
        Path values = Chart.directory().resolve("ci/demo-values.yaml");
        assertThatThrownBy(() -> Chart.render(values, Map.of("kafka.topicPartitions.scratch", 1)))
                .hasMessageContaining("kafka.topicRetentionMs has no entry for scratch");
    }

    @Test
    void refusesMoreLagScaledReplicasThanPartitions() {
        Path values = Chart.directory().resolve("ci/external-values.yaml");
        assertThatThrownBy(() -> Chart.render(values, Map.of("services.scoring.autoscaling.maxReplicas", 13)))
                .hasMessageContaining("exceeds the 12 partitions of transactions.enriched");
        assertThatThrownBy(() -> Chart.render(values, Map.of("services.governance.autoscaling.lag.topic",
                "alerts.fraud"))).hasMessageContaining("exceeds the 3 partitions of alerts.fraud");
    }

    @Test
    void refusesASecondTrainer() {
        Path values = Chart.directory().resolve("ci/external-values.yaml");
        assertThatThrownBy(() -> Chart.render(values, Map.of("services.retraining.replicaCount", 2)))
                .hasMessageContaining("one trainer at a time");
        assertThatThrownBy(() -> Chart.render(values, Map.of("services.retraining.autoscaling.enabled", true)))
                .hasMessageContaining("one trainer at a time");
    }

    @Test
    void defaultValuesRefuseToInstallWithoutTheStores() {
        assertThatThrownBy(() -> Chart.render(null, Map.of()))
                .hasMessageContaining("kafka.bootstrapServers is required");
    }

    @Test
    void everyValueIsDocumented() throws IOException {
        List<String> undocumented = ValuesDocumentation.undocumentedLeaves(Chart.directory().resolve("values.yaml"));
        assertThat(undocumented).isEmpty();
    }

    @Test
    void valuesDocumentationCheckFindsAnUndocumentedValue(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, """
                # -- Documented.
                a: 1
                b:
                  # -- Documented child.
                  c: x
                  d: y
                # -- A documented map documents its children.
                e:
                  f: 1
                """);
        assertThat(ValuesDocumentation.undocumentedLeaves(values)).containsExactly("b.d");
    }

    @Test
    void portsAndProbesAgreeWithEachServicesQuarkusKubernetesSettings() throws IOException {
        JsonNode values = Chart.YAML.readTree(Chart.directory().resolve("values.yaml").toFile());
        JsonNode probes = values.path("defaults").path("probes");
        for (String service : Chart.SERVICES) {
            Properties properties = applicationProperties(service);
            int port = values.path("services").path(service).path("port").asInt();
            assertThat(properties.getProperty("quarkus.http.port")).as(service).isEqualTo(String.valueOf(port));
            assertThat(properties.getProperty("quarkus.kubernetes.ports.http.container-port")).as(service)
                    .isEqualTo(String.valueOf(port));
            for (var probe : Map.of("startup", "startup-probe", "liveness", "liveness-probe", "readiness",
                    "readiness-probe").entrySet()) {
                JsonNode settings = probes.path(probe.getKey());
                assertThat(properties.getProperty("quarkus.kubernetes." + probe.getValue() + ".period"))
                        .as("%s %s period", service, probe.getKey())
                        .isEqualTo(settings.path("periodSeconds").asInt() + "s");
                assertThat(properties.getProperty("quarkus.kubernetes." + probe.getValue() + ".failure-threshold"))
                        .as("%s %s failure threshold", service, probe.getKey())
                        .isEqualTo(settings.path("failureThreshold").asText());
            }
            JsonNode resources = values.path("services").path(service).path("resources");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(properties.getProperty("quarkus.kubernetes.resources." + kind + "." + resource))
                            .as("%s %s.%s", service, kind, resource)
                            .isEqualTo(resources.path(kind).path(resource).asText());
                }
            }
            assertThat(properties.getProperty("quarkus.kubernetes.security-context.run-as-non-root"))
                    .isEqualTo("true");
            assertThat(properties.getProperty("quarkus.kubernetes.security-context.run-as-user")).isEqualTo(
                    values.path("defaults").path("podSecurityContext").path("runAsUser").asText());
        }
    }

    @Test
    void packagesTheChart(@TempDir Path destination) throws IOException {
        new Helm(Chart.directory()).packageIt().withDestination(destination).call();
        try (Stream<Path> files = Files.list(destination)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("openfraud-0.1.0.tgz");
        }
    }

    private static int maxConsumedPartitions(String service) {
        return Topics.ALL.stream().filter(t -> t.consumers().contains(service + "-service"))
                .mapToInt(Topic::partitions).max().orElse(1);
    }

    /** Egress or ingress rules of every policy that selects these pod labels. */
    private static List<JsonNode> rules(List<JsonNode> policies, Map<String, String> labels, String direction) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode policy : policies) {
            if (selects(policy.path("spec").path("podSelector"), labels)) {
                policy.path("spec").path(direction).forEach(rules::add);
            }
        }
        return rules;
    }

    /** Whether a rule's peers include a same-namespace pod selector that selects these labels. */
    private static boolean peers(JsonNode rule, String field, Map<String, String> labels) {
        for (JsonNode peer : rule.path(field)) {
            if (peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.path("podSelector"),
                    labels)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ports(JsonNode rule) {
        Set<String> ports = new HashSet<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asText()));
        return ports;
    }

    /** Mount path to volume type (emptyDir, configMap, secret, ...). */
    private static Map<String, String> mounts(JsonNode container, Map<String, JsonNode> volumes) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            JsonNode volume = volumes.get(mount.path("name").asText());
            assertThat(volume).as("volume %s", mount.path("name").asText()).isNotNull();
            String type = "?";
            for (var names = volume.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!field.equals("name")) {
                    type = field;
                }
            }
            mounts.put(mount.path("mountPath").asText(), type);
        }
        return mounts;
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Chart.repository()
                .resolve(service + "-service/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
