package io.openfraud.fraudctl.services;

import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.infra.InfraStore;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.ManagedProcess;
import io.openfraud.fraudctl.process.PidFile;
import io.openfraud.fraudctl.process.ProcessSpec;
import io.openfraud.fraudctl.process.ProcessStatus;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.fraudctl.process.Processes;
import io.openfraud.fraudctl.process.ReadinessProbe;
import io.openfraud.fraudctl.process.StartupException;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The five services as processes: {@code java -Xmx256m -Dai.djl.offline=true -jar
 * <repository>/<service>/target/quarkus-app/quarkus-run.jar} in the prod profile, configured by environment variables
 * to use the stores of {@code fraudctl infra up} and this installation's keys.
 */
public final class ServiceStack {

    /** Lifetime of the export token handed to retraining-service at start (a local platform runs for days at most). */
    static final Duration EXPORT_TOKEN_TTL = Duration.ofDays(7);

    static final String MAX_HEAP = "-Xmx256m";
    /**
     * Extra JVM options for the five services (whitespace-separated), after the defaults: to compare settings (for
     * example the collector: the serial collector was measured against the default G1 and not kept, see
     * docs/benchmarks.md, "Platform CPU per authorisation").
     */
    static final String SERVICE_JAVA_OPTS = "FRAUDCTL_SERVICE_JAVA_OPTS";
    static final String DJL_OFFLINE = "-Dai.djl.offline=true";
    static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

    private final FraudctlHome home;
    private final Path repository;
    private final Path java;
    private final InfraPorts infraPorts;
    private final ServicePorts servicePorts;
    private final Function<String, String> environment;

    /**
     * @param repository the repository root, where each service's packaged application is
     * @param java the {@code java} executable
     * @param environment fraudctl's environment (for {@code DJL_CACHE_DIR}); {@code System::getenv} in production
     */
    public ServiceStack(FraudctlHome home, Path repository, Path java, InfraPorts infraPorts,
            Function<String, String> environment) {
        this(home, repository, java, infraPorts, ServicePorts.FIXED, environment);
    }

    /** @param servicePorts where the services listen (tests use free ports) */
    public ServiceStack(FraudctlHome home, Path repository, Path java, InfraPorts infraPorts,
            ServicePorts servicePorts, Function<String, String> environment) {
        this.servicePorts = servicePorts;
        this.home = home;
        this.repository = repository.toAbsolutePath().normalize();
        this.java = java;
        this.infraPorts = infraPorts;
        this.environment = environment;
    }

    /** This JVM's Java, the fixed store ports and the process environment. */
    public static ServiceStack of(FraudctlHome home) {
        return new ServiceStack(home, repositoryRoot(home, System.getProperty("java.class.path")),
                Path.of(System.getProperty("java.home"), "bin", "java"), InfraPorts.FIXED, System::getenv);
    }

    /**
     * The repository root: four levels above fraudctl's own {@code tools/fraudctl/target/quarkus-app/quarkus-run.jar}
     * when it runs from there, else {@code FRAUDCTL_HOME}'s parent ({@code ./fraudctl} puts it at
     * {@code <repository>/.fraudctl}).
     */
    static Path repositoryRoot(FraudctlHome home, String javaClassPath) {
        if (javaClassPath != null && javaClassPath.endsWith("quarkus-run.jar")
                && !javaClassPath.contains(File.pathSeparator)) {
            Path jar = Path.of(javaClassPath).toAbsolutePath().normalize();
            // tools/fraudctl/target/quarkus-app/quarkus-run.jar
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            for (int i = 0; i < 3 && root != null; i++) {
                root = root.getParent();
            }
            if (root != null && Files.isRegularFile(root.resolve("pom.xml"))
                    && Files.isDirectory(root.resolve(PlatformService.INGESTION.serviceName()))) {
                return root;
            }
        }
        Path parent = home.root().getParent();
        return parent == null ? home.root() : parent;
    }

    public ServicePorts servicePorts() {
        return servicePorts;
    }

    public Path repository() {
        return repository;
    }

    /** {@code <repository>/<service>/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(PlatformService service) {
        return repository.resolve(service.serviceName()).resolve("target").resolve("quarkus-app")
                .resolve("quarkus-run.jar");
    }

    /** The services whose packaged application is missing (nothing can start then). */
    public List<PlatformService> missingJars() {
        return Arrays.stream(PlatformService.values()).filter(s -> !Files.isRegularFile(jar(s))).toList();
    }

    /** How to run {@code service}; {@code keys} must exist (see {@link InstallKeys#ensure}). */
    public ProcessSpec spec(PlatformService service, InstallKeys keys) {
        List<String> command = new ArrayList<>(List.of(java.toString(), MAX_HEAP, "-XX:+ExitOnOutOfMemoryError",
                DJL_OFFLINE));
        String extra = environment.apply(SERVICE_JAVA_OPTS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar(service).toString()));
        return ProcessSpec.of(service.serviceName(), command, home.logFile(service.serviceName()),
                        home.pidFile(service.serviceName()),
                        ReadinessProbe.httpOk(URI.create(servicePorts.readinessUrl(service))))
                .withPorts(servicePorts.port(service))
                .withEnvironment(environment(service, keys))
                .withWorkingDirectory(repository.resolve(service.serviceName()));
    }

    /** The configuration of {@code service}, as environment variables (Quarkus' env source, prod profile). */
    Map<String, String> environment(PlatformService service, InstallKeys keys) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(servicePorts.port(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + infraPorts.kafka());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.jwtPublicKey().toString());
        switch (service) {
            case INGESTION -> {
                datasource(env, "ingestion");
                env.put("OPENFRAUD_MASKING_PAN_KEY", secretKey(keys.panTokenKey()));
                env.put("OPENFRAUD_MASKING_PSEUDONYM_KEY", secretKey(keys.pseudonymKey()));
                env.put("OPENFRAUD_VAULT_MASTER_KEY", secretKey(keys.encryptionKey()));
                env.put("QUARKUS_REST_CLIENT_SCORING_SERVICE_URL", servicePorts.url(PlatformService.SCORING));
            }
            case FEATURE -> env.put("QUARKUS_REDIS_HOSTS", "redis://localhost:" + infraPorts.redis());
            case SCORING -> {
                datasource(env, "scoring");
                env.put("QUARKUS_REST_CLIENT_FEATURE_SERVICE_URL", servicePorts.url(PlatformService.FEATURE));
                // The champion and its artifact come from the registry, with a short-lived `service` token it signs.
                env.put("QUARKUS_REST_CLIENT_MODEL_REGISTRY_URL", servicePorts.url(PlatformService.RETRAINING));
                env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.jwtPrivateKey().toString());
            }
            case RETRAINING -> {
                datasource(env, "retraining");
                // the trainer reads ingestion's export with a service token (a secret in a cluster)
                env.put("OPENFRAUD_INGESTION_URL", servicePorts.url(PlatformService.INGESTION));
                env.put("OPENFRAUD_TRAINER_EXPORT_TOKEN", new TokenIssuer(keys.loadJwtPrivateKey(),
                        Clock.systemUTC()).issue("retraining-service", Set.of(Role.SERVICE), EXPORT_TOKEN_TTL));
            }
            case GOVERNANCE -> {
                env.put("QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://localhost:" + infraPorts.mongo());
                // The same masking keys as ingestion (same pseudonyms), its own audit key, and the platform's JWT
                // signing key for the short-lived service tokens it presents to the subject-data interfaces.
                env.put("OPENFRAUD_MASKING_PAN_KEY", secretKey(keys.panTokenKey()));
                env.put("OPENFRAUD_MASKING_PSEUDONYM_KEY", secretKey(keys.pseudonymKey()));
                env.put("OPENFRAUD_AUDIT_HMAC_KEY", secretKey(keys.auditKey()));
                // The signed head of the audit chain, outside MongoDB and beside the keys (survives restarts).
                env.put("OPENFRAUD_AUDIT_ANCHOR_FILE", home.root().resolve("audit-anchor").toString());
                env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.jwtPrivateKey().toString());
                env.put("OPENFRAUD_DSR_PEERS_INGESTION_URL", servicePorts.url(PlatformService.INGESTION));
                env.put("OPENFRAUD_DSR_PEERS_FEATURE_URL", servicePorts.url(PlatformService.FEATURE));
                env.put("OPENFRAUD_DSR_PEERS_SCORING_URL", servicePorts.url(PlatformService.SCORING));
            }
        }
        String djlCache = environment.apply(DJL_CACHE_DIR);
        if (djlCache != null && !djlCache.isBlank()) {
            env.put(DJL_CACHE_DIR, djlCache);
        }
        return env;
    }

    private void datasource(Map<String, String> env, String database) {
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + infraPorts.postgres() + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", InfraStore.POSTGRES_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", InfraStore.POSTGRES_PASSWORD);
    }

    /** A key file's base64 content, checked to decode to at least 32 bytes (what ingestion-service requires). */
    static String secretKey(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + file, e);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not base64: " + e.getMessage());
        }
        if (bytes.length < 32) {
            throw new IllegalStateException(file + " holds " + bytes.length + " bytes; at least 32 are needed");
        }
        return content;
    }

    /** The services started now, ready, and those already running (pid), left alone. */
    public record UpResult(Map<PlatformService, ManagedProcess> started, Map<PlatformService, Long> alreadyRunning) {
    }

    /** Starts every service that does not run already, in parallel, and waits until each is ready. */
    public UpResult up(ProcessSupervisor supervisor, InstallKeys keys, Lifetime lifetime, Duration timeout)
            throws StartupException {
        home.createProcessDirectories();
        Map<PlatformService, Long> alreadyRunning = new EnumMap<>(PlatformService.class);
        List<PlatformService> toStart = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            PidFile pidFile = new PidFile(home.pidFile(service.serviceName()));
            Optional<ProcessHandle> running = pidFile.process();
            if (running.isPresent()) {
                alreadyRunning.put(service, running.get().pid());
            } else {
                pidFile.delete();
                toStart.add(service);
            }
        }
        Map<PlatformService, ManagedProcess> started = new EnumMap<>(PlatformService.class);
        if (!toStart.isEmpty()) {
            List<ProcessSpec> specs = toStart.stream().map(service -> spec(service, keys)).toList();
            List<ManagedProcess> processes = supervisor.startAll(specs, lifetime, timeout);
            for (int i = 0; i < toStart.size(); i++) {
                started.put(toStart.get(i), processes.get(i));
            }
        }
        return new UpResult(started, alreadyRunning);
    }

    /** Stops every service a pid file names, together (SIGTERM, {@code grace}, SIGKILL); removes the pid files. */
    public Map<PlatformService, InfraStack.StopOutcome> down(Duration grace) {
        Map<PlatformService, ProcessHandle> running = new EnumMap<>(PlatformService.class);
        Map<PlatformService, InfraStack.StopOutcome> outcomes = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            PidFile pidFile = new PidFile(home.pidFile(service.serviceName()));
            Optional<ProcessHandle> process = pidFile.process();
            if (process.isPresent()) {
                running.put(service, process.get());
            } else {
                pidFile.delete();
                outcomes.put(service, InfraStack.StopOutcome.NOT_RUNNING);
            }
        }
        List<ProcessHandle> killed = Processes.terminate(running.values(), grace);
        running.forEach((service, process) -> {
            new PidFile(home.pidFile(service.serviceName())).deleteIfOwnedBy(process.pid());
            outcomes.put(service, killed.contains(process) ? InfraStack.StopOutcome.KILLED
                    : InfraStack.StopOutcome.STOPPED);
        });
        return outcomes;
    }

    /** Each service by pid file and port probe. */
    public Map<PlatformService, ProcessStatus> status() {
        Map<PlatformService, ProcessStatus> statuses = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            statuses.put(service, ProcessStatus.probe(service.serviceName(), home.pidFile(service.serviceName()),
                    servicePorts.port(service)));
        }
        return statuses;
    }

    public Path logFile(PlatformService service) {
        return home.logFile(service.serviceName());
    }
}
