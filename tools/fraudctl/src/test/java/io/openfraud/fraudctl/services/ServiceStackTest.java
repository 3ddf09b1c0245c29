package io.openfraud.fraudctl.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.process.ProcessSpec;
import io.openfraud.fraudctl.process.ProcessStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStackTest {

    @TempDir
    Path dir;

    private Path repository;
    private FraudctlHome home;
    private InstallKeys keys;
    private ServiceStack stack;

    @BeforeEach
    void setUp() throws Exception {
        repository = dir.resolve("repo");
        home = new FraudctlHome(repository.resolve(".fraudctl"));
        keys = InstallKeys.ensure(home.keys());
        stack = new ServiceStack(home, repository, Path.of("/jdk/bin/java"), InfraPorts.FIXED,
                Map.of("DJL_CACHE_DIR", "/cache/djl")::get);
    }

    @Test
    void runsEachPackagedJarWithASmallHeapOfflineDjlAndItsPortPidFileLogAndHealthProbe() {
        for (PlatformService service : PlatformService.values()) {
            ProcessSpec spec = stack.spec(service, keys);
            Path jar = repository.resolve(service.serviceName() + "/target/quarkus-app/quarkus-run.jar");

            assertThat(spec.name()).isEqualTo(service.serviceName());
            assertThat(spec.command()).startsWith("/jdk/bin/java").contains("-Xmx256m", "-Dai.djl.offline=true")
                    .endsWith("-jar", jar.toString());
            assertThat(spec.ports()).containsExactly(service.port());
            assertThat(spec.logFile()).isEqualTo(home.root().resolve("logs/" + service.serviceName() + ".log"));
            assertThat(spec.pidFile()).isEqualTo(home.root().resolve("run/" + service.serviceName() + ".pid"));
            assertThat(spec.readiness().toString())
                    .contains("http://localhost:" + service.port() + "/q/health/ready");
            assertThat(spec.workingDirectory()).isEqualTo(repository.resolve(service.serviceName()));
            assertThat(spec.environment()).containsEntry("QUARKUS_PROFILE", "prod")
                    .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(service.port()))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                    .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                            home.root().resolve("keys/jwt-public.pem").toString())
                    .containsEntry("DJL_CACHE_DIR", "/cache/djl");
        }
    }

    @Test
    void extraServiceJvmOptionsFromTheEnvironmentComeAfterTheDefaultsAndBeforeTheJar() {
        ServiceStack tuned = new ServiceStack(home, repository, Path.of("/jdk/bin/java"), InfraPorts.FIXED,
                Map.of("FRAUDCTL_SERVICE_JAVA_OPTS", "  -XX:+UseSerialGC   -Xmn64m ")::get);
        java.util.List<String> command = tuned.spec(PlatformService.SCORING, keys).command();
        assertThat(command.subList(command.size() - 4, command.size())).containsExactly("-XX:+UseSerialGC",
                "-Xmn64m", "-jar", tuned.jar(PlatformService.SCORING).toString());
        assertThat(command.indexOf("-Xmx256m")).isLessThan(command.indexOf("-XX:+UseSerialGC"));
    }

    @Test
    void portsAreTheFixedOnes() {
        assertThat(Arrays.stream(PlatformService.values()).map(PlatformService::port))
                .containsExactly(8081, 8082, 8083, 8084, 8085);
        assertThat(ServicePorts.FIXED.readinessUrl(PlatformService.SCORING)).isEqualTo("http://localhost:8083/q/health/ready");
    }

    @Test
    void ingestionGetsItsDatabaseMaskingKeysAndScoringUrl() throws Exception {
        Map<String, String> env = stack.spec(PlatformService.INGESTION, keys).environment();

        assertThat(env).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/ingestion")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("QUARKUS_REST_CLIENT_SCORING_SERVICE_URL", "http://localhost:8083")
                .containsEntry("OPENFRAUD_MASKING_PAN_KEY", Files.readString(keys.panTokenKey()).trim())
                .containsEntry("OPENFRAUD_MASKING_PSEUDONYM_KEY", Files.readString(keys.pseudonymKey()).trim())
                .containsEntry("OPENFRAUD_VAULT_MASTER_KEY", Files.readString(keys.encryptionKey()).trim());
        assertThat(Base64.getDecoder().decode(env.get("OPENFRAUD_VAULT_MASTER_KEY"))).hasSizeGreaterThanOrEqualTo(32);
        assertThat(env.get("OPENFRAUD_VAULT_MASTER_KEY")).isNotEqualTo(env.get("OPENFRAUD_MASKING_PSEUDONYM_KEY"))
                .isNotEqualTo(env.get("OPENFRAUD_MASKING_PAN_KEY"));
        assertThat(Base64.getDecoder().decode(env.get("OPENFRAUD_MASKING_PAN_KEY"))).hasSizeGreaterThanOrEqualTo(32);
        assertThat(env.get("OPENFRAUD_MASKING_PAN_KEY")).isNotEqualTo(env.get("OPENFRAUD_MASKING_PSEUDONYM_KEY"));
        assertThat(env).doesNotContainKeys("QUARKUS_REDIS_HOSTS", "QUARKUS_MONGODB_CONNECTION_STRING");
    }

    @Test
    void eachOtherServiceGetsOnlyItsOwnStore() {
        assertThat(stack.spec(PlatformService.FEATURE, keys).environment())
                .containsEntry("QUARKUS_REDIS_HOSTS", "redis://localhost:16379")
                .doesNotContainKeys("QUARKUS_DATASOURCE_JDBC_URL", "OPENFRAUD_MASKING_PAN_KEY", "OPENFRAUD_VAULT_MASTER_KEY");
        assertThat(stack.spec(PlatformService.SCORING, keys).environment())
                .containsEntry("QUARKUS_REST_CLIENT_FEATURE_SERVICE_URL", "http://localhost:8082")
                .containsEntry("QUARKUS_REST_CLIENT_MODEL_REGISTRY_URL", "http://localhost:8084")
                .containsEntry("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.jwtPrivateKey().toString())
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/scoring")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .doesNotContainKeys("QUARKUS_REDIS_HOSTS", "OPENFRAUD_MASKING_PAN_KEY");
        assertThat(stack.spec(PlatformService.RETRAINING, keys).environment())
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:15432/retraining")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "postgres")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "postgres")
                .containsEntry("OPENFRAUD_INGESTION_URL", "http://localhost:8081")
                .doesNotContainKeys("OPENFRAUD_MASKING_PAN_KEY");
        // the trainer's token for ingestion's export: a signed JWT (header.payload.signature)
        assertThat(stack.spec(PlatformService.RETRAINING, keys).environment().get("OPENFRAUD_TRAINER_EXPORT_TOKEN"))
                .matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(stack.spec(PlatformService.GOVERNANCE, keys).environment())
                .containsEntry("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://localhost:17017")
                .containsEntry("OPENFRAUD_MASKING_PSEUDONYM_KEY", env(PlatformService.INGESTION)
                        .get("OPENFRAUD_MASKING_PSEUDONYM_KEY"))
                .containsKey("OPENFRAUD_AUDIT_HMAC_KEY")
                .containsEntry("OPENFRAUD_AUDIT_ANCHOR_FILE", home.root().resolve("audit-anchor").toString())
                .doesNotContainKeys("QUARKUS_DATASOURCE_JDBC_URL", "OPENFRAUD_VAULT_MASTER_KEY");
    }

    private Map<String, String> env(PlatformService service) {
        return stack.spec(service, keys).environment();
    }

    @Test
    void djlCacheDirIsPassedOnlyWhenSet() {
        ServiceStack withoutCache = new ServiceStack(home, repository, Path.of("java"), InfraPorts.FIXED, name -> null);

        assertThat(withoutCache.spec(PlatformService.SCORING, keys).environment()).doesNotContainKey("DJL_CACHE_DIR");
    }

    @Test
    void aShortOrNonBase64KeyIsRefused() throws Exception {
        Path shortKey = dir.resolve("short.key");
        Files.writeString(shortKey, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        Path garbage = dir.resolve("garbage.key");
        Files.writeString(garbage, "not base64!\n");

        assertThatThrownBy(() -> ServiceStack.secretKey(shortKey)).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> ServiceStack.secretKey(garbage)).hasMessageContaining("not base64");
    }

    @Test
    void missingJarsAreListedAndTheRepositoryIsFoundFromFraudctlsJarOrTheHomesParent() throws Exception {
        assertThat(stack.missingJars()).containsExactly(PlatformService.values());
        Path jar = stack.jar(PlatformService.FEATURE);
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        assertThat(stack.missingJars()).doesNotContain(PlatformService.FEATURE).hasSize(4);

        Files.createFile(repository.resolve("pom.xml"));
        Files.createDirectories(repository.resolve("ingestion-service"));
        Path fraudctlJar = repository.resolve("tools/fraudctl/target/quarkus-app/quarkus-run.jar");
        FraudctlHome elsewhere = new FraudctlHome(dir.resolve("home"));
        assertThat(ServiceStack.repositoryRoot(elsewhere, fraudctlJar.toString())).isEqualTo(repository);
        assertThat(ServiceStack.repositoryRoot(elsewhere, "a.jar:b.jar")).isEqualTo(dir);
        assertThat(ServiceStack.repositoryRoot(home, "target/classes")).isEqualTo(repository);
    }

    @Test
    void statusAndDownWithNothingRunning() throws Exception {
        Files.createDirectories(home.run());
        Files.writeString(home.pidFile("feature-service"), "999999999\n");

        assertThat(stack.status()).hasSize(5).allSatisfy((service, status) ->
                assertThat(status.state()).isIn(ProcessStatus.State.DOWN, ProcessStatus.State.PORT_IN_USE));
        assertThat(stack.down(java.time.Duration.ofSeconds(1))).hasSize(5)
                .allSatisfy((service, outcome) -> assertThat(outcome.label()).isEqualTo("not running"));
        assertThat(home.pidFile("feature-service")).doesNotExist();
    }
}
