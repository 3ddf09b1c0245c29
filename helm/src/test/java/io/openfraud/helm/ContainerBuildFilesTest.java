package io.openfraud.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services' container build files, read as text (no container engine here to build them): Quarkus layout,
 * non-root user, the port the chart uses, and the PyTorch engine baked offline into the scoring and retraining images
 * at the path the chart leaves alone. The same for the native profile: declared, with its builder documented.
 */
class ContainerBuildFilesTest {

    @Test
    void everyServiceHasJvmAndNativeDockerfilesRunningNonRootOnTheChartsPort() throws IOException {
        JsonNode values = Chart.YAML.readTree(Chart.directory().resolve("values.yaml").toFile());
        int user = values.path("defaults").path("podSecurityContext").path("runAsUser").asInt();
        for (String service : Chart.SERVICES) {
            int port = values.path("services").path(service).path("port").asInt();
            for (String flavour : List.of("jvm", "native")) {
                String file = dockerfile(service, flavour);
                String where = service + " Dockerfile." + flavour;
                assertThat(lastInstruction(file, "USER")).as("%s final user", where).isEqualTo(String.valueOf(user));
                assertThat(file).as(where).containsPattern("(?m)^EXPOSE " + port + "$");
                assertThat(file).as(where).contains("-Dquarkus.http.host=0.0.0.0");
                if (flavour.equals("jvm")) {
                    assertThat(file).as(where).contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                            .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")
                            .contains("/opt/jboss/container/java/run/run-java.sh");
                } else {
                    assertThat(file).as(where).contains("target/*-runner").contains("UNTESTED");
                }
            }
        }
    }

    @Test
    void scoringAndRetrainingImagesBakeThePyTorchEngineOfflineOutsideTheChartsWritableMounts() throws IOException {
        String warmup = null;
        for (String service : List.of("scoring", "retraining")) {
            Path docker = Chart.repository().resolve(service + "-service/src/main/docker");
            String source = Files.readString(docker.resolve("DjlEngineWarmup.java"));
            if (warmup != null) {
                assertThat(source).as("both services bake the same way").isEqualTo(warmup);
            }
            warmup = source;
            for (String flavour : List.of("jvm", "native")) {
                String file = dockerfile(service, flavour);
                String where = service + " Dockerfile." + flavour;
                assertThat(file).as(where).contains("RUN java -Dai.djl.offline=true -cp \"/deployments/lib/main/*\" "
                        + "/tmp/DjlEngineWarmup.java");
                assertThat(file).as(where).contains("COPY --from=djl --chown=185 /opt/djl/engine /opt/djl/engine");
                String runtime = file.substring(file.lastIndexOf("\nFROM "));
                assertThat(runtime).as(where).contains("DJL_OFFLINE=true").contains("ENGINE_CACHE_DIR=/opt/djl/engine")
                        .contains("DJL_CACHE_DIR=/var/cache/djl");
            }
        }
        for (String service : List.of("ingestion", "feature", "governance")) {
            assertThat(dockerfile(service, "jvm")).as(service).doesNotContain("djl");
        }
    }

    @Test
    void nativeProfileIsDeclaredWithItsBuilderAndMarkedUntested() throws IOException {
        String pom = Files.readString(Chart.repository().resolve("pom.xml"));
        int start = pom.indexOf("<id>native</id>");
        assertThat(start).isPositive();
        String profile = pom.substring(pom.lastIndexOf("<profile>", start), pom.indexOf("</profile>", start));
        assertThat(profile).contains("<quarkus.native.enabled>true</quarkus.native.enabled>")
                .contains("ubi9-quarkus-mandrel-builder-image:jdk-21").contains("Mandrel 23.1")
                .contains("UNTESTED");
    }

    private static String dockerfile(String service, String flavour) throws IOException {
        return Files.readString(Chart.repository().resolve(service + "-service/src/main/docker/Dockerfile." + flavour));
    }

    private static String lastInstruction(String dockerfile, String instruction) {
        Matcher m = Pattern.compile("(?m)^" + instruction + " (\\S+)$").matcher(dockerfile);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
