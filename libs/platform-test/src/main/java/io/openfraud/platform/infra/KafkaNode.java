package io.openfraud.platform.infra;

import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import io.openfraud.events.kafka.TopicProvisioner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode ({@code process.roles=broker,controller}), running inside
 * the current JVM from the {@code kafka_2.13} artifact. Storage is formatted with Kafka's own {@code StorageTool}
 * before the first start. Internal topics have replication factor 1 and min ISR 1, consumer groups rebalance
 * without the initial delay, and <b>automatic topic creation is off</b>, so a service that writes to a topic the
 * contracts do not declare fails here as it would in production.
 *
 * <pre>{@code
 * try (KafkaNode kafka = KafkaNode.start()) {
 *     kafka.createPlatformTopics(3);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The broker is formatted and started with Kafka's own class loader as the thread context class loader, so it also
 * starts from a Quarkus test resource, whose context class loader holds other copies of Kafka's classes.
 *
 * <p>Connection info keys: {@code bootstrap.servers}, {@code host}, {@code port}, {@code controller.port},
 * {@code data.dir}.
 */
public final class KafkaNode implements InfraNode {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final int controllerPort;
    private final Path dataDirectory;
    private final boolean temporaryData;
    private KafkaRaftServer server;

    private KafkaNode(int port, int controllerPort, Path dataDirectory, boolean temporaryData) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
        this.temporaryData = temporaryData;
    }

    /** Starts a broker on free ports with a temporary data directory. */
    public static KafkaNode start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a broker to start. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path baseDirectory;
        private boolean trapExit = true;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Client (PLAINTEXT) port; 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** KRaft controller port; 0, the default, picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * Keeps the log in {@code baseDirectory/kafka} and reuses it on the next start. Without it (or with null)
         * the log goes to a temporary directory that {@link #stop()} deletes.
         */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** Sets or overrides one broker property (for fault tests: segment sizes, timeouts...). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /**
         * Whether Kafka's fatal-error exits throw instead of ending the JVM (default true: a broker in a test JVM must
         * not kill the test run). {@link InfraMain} turns it off: there the process is the broker.
         */
        public Builder trapExit(boolean trapExit) {
            this.trapExit = trapExit;
            return this;
        }

        /** Formats storage if needed, starts the broker and returns once it accepts clients. */
        public KafkaNode start() {
            int clientPort = NodeSupport.portOrFree(port);
            int quorumPort = NodeSupport.portOrFree(controllerPort);
            if (quorumPort == clientPort) {
                quorumPort = NodeSupport.portOrFree(0);
            }
            Path dir = NodeSupport.dataDirectory(baseDirectory, "kafka");
            KafkaNode node = new KafkaNode(clientPort, quorumPort, dir, baseDirectory == null);
            if (trapExit) {
                trapKafkaExit();
            }
            try {
                node.startServer(overrides);
            } catch (RuntimeException | Error e) {
                node.stop();
                throw e;
            }
            return node;
        }
    }

    /** The broker properties this node runs with (before {@link Builder#brokerProperty} overrides). */
    Properties brokerProperties() {
        String loopback = NodeSupport.LOOPBACK;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + loopback + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + loopback + ":" + port + ",CONTROLLER://" + loopback + ":"
                + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + loopback + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDirectory.resolve("log").toString());
        // Contracts are enforced: only declared topics exist.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Sized for a 2-core machine and a test JVM heap (the cleaner would take 128 MiB by default).
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private synchronized void startServer(Map<String, String> overrides) {
        // Kafka loads plugins by name through the thread context class loader, and its threads inherit it. Under
        // Quarkus that is a test class loader with copies of Kafka's classes that do not match ours
        // (NoSuchMethodException in DefaultStatePersister), so format and start with Kafka's own class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        try {
            formatAndStart(overrides);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void formatAndStart(Map<String, String> overrides) {
        Properties props = brokerProperties();
        overrides.forEach(props::setProperty);
        Path config = dataDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "OpenFraud single-node KRaft broker (libs/platform-test KafkaNode)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        if (!Files.exists(dataDirectory.resolve("log").resolve("meta.properties"))) {
            format(config); // a directory formatted by an earlier start keeps its cluster id and data
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        awaitClients();
    }

    /** Formats the (empty) log directory with a new cluster id. */
    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args, print);
        } catch (RuntimeException e) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8),
                    e);
        }
        if (status != 0) {
            throw new IllegalStateException("kafka storage format exited with " + status + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Blocks until the broker answers a metadata request and is registered (startup already waits for unfencing). */
    private void awaitClients() {
        try (Admin admin = admin(bootstrapServers())) {
            int nodes = admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes != 1) {
                throw new IllegalStateException("expected 1 broker, the cluster reports " + nodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker on " + bootstrapServers() + " did not answer", e);
        }
    }

    /**
     * Kafka ends the process on fatal errors through {@link Exit}; in a test JVM that would kill the whole test run
     * without a report, so make it throw instead.
     */
    private static void trapKafkaExit() {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to exit the JVM with status " + status + ": " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to halt the JVM with status " + status + ": " + message);
        });
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int port() {
        return port;
    }

    /** Port of the KRaft controller listener (not for clients). */
    public int controllerPort() {
        return controllerPort;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host() + ":" + port;
    }

    /** Where the log, the metadata log and {@code server.properties} live. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("bootstrap.servers", bootstrapServers());
        info.put("host", host());
        info.put("port", String.valueOf(port));
        info.put("controller.port", String.valueOf(controllerPort));
        info.put("data.dir", dataDirectory.toString());
        return Map.copyOf(info);
    }

    /**
     * Creates topics with the given partition counts (replication factor 1) and the declared configs; existing topics
     * keep their partitions and get their declared configs back. See {@link #createTopics(String, Map)}.
     */
    public TopicProvisioner.Report createTopics(Map<String, Integer> partitionsByTopic) {
        return createTopics(bootstrapServers(), partitionsByTopic);
    }

    /**
     * Creates every platform topic ({@link Topics#ALL}) and every dead-letter topic ({@link Topics#deadLetterTopics()}),
     * see {@link #platformTopics(int)}.
     *
     * @return the topics and partition counts asked for
     */
    public Map<String, Integer> createPlatformTopics(int maxPartitions) {
        Map<String, Integer> topics = platformTopics(maxPartitions);
        createTopics(topics);
        return topics;
    }

    /**
     * Every topic the platform declares, with its partition count from {@link Topic#partitions()} capped at
     * {@code maxPartitions} (tests on two cores gain nothing from 12 partitions). A dead-letter topic gets the
     * partition count of the topic it serves.
     */
    public static Map<String, Integer> platformTopics(int maxPartitions) {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("maxPartitions must be at least 1: " + maxPartitions);
        }
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.ALL) {
            topics.put(topic.name(), Math.min(topic.partitions(), maxPartitions));
        }
        for (String dlq : Topics.deadLetterTopics()) {
            String served = dlq.substring(0, dlq.length() - Topic.DLQ_SUFFIX.length());
            int partitions = Topics.byName(served).map(Topic::partitions).orElse(1);
            topics.put(dlq, Math.min(partitions, maxPartitions));
        }
        return topics;
    }

    /**
     * Creates topics on any broker reachable at {@code bootstrapServers} (replication factor 1) with the configs the
     * contracts declare ({@code retention.ms}, {@code cleanup.policy}: {@link TopicProvisioner}), aligns those configs
     * on existing topics (their partitions are kept), and returns once the broker serves metadata for all of them.
     */
    public static TopicProvisioner.Report createTopics(String bootstrapServers,
            Map<String, Integer> partitionsByTopic) {
        if (partitionsByTopic.isEmpty()) {
            return new TopicProvisioner.Report(List.of(), Map.of(), List.of());
        }
        try (Admin admin = admin(bootstrapServers)) {
            TopicProvisioner.Report report = new TopicProvisioner(admin, ADMIN_TIMEOUT)
                    .provision(partitionsByTopic, Optional.of((short) 1));
            // The controller has committed the topics; wait until the broker's metadata cache serves them too, so
            // that a consumer assigned right after this call sees every partition.
            boolean visible = NodeSupport.pollUntil(ADMIN_TIMEOUT, Duration.ofMillis(20),
                    () -> describes(admin, partitionsByTopic));
            if (!visible) {
                throw new IllegalStateException("topics not visible after " + ADMIN_TIMEOUT + ": "
                        + partitionsByTopic.keySet());
            }
            return report;
        }
    }

    private static boolean describes(Admin admin, Map<String, Integer> partitionsByTopic) {
        try {
            return admin.describeTopics(partitionsByTopic.keySet()).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "openfraud-infra-admin");
        props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ADMIN_TIMEOUT.toMillis()));
        return Admin.create(props);
    }

    /** Shuts the broker down (controlled) and deletes a temporary data directory. */
    @Override
    public synchronized void stop() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
        if (temporaryData) {
            NodeSupport.deleteRecursively(dataDirectory);
        }
    }

    @Override
    public String toString() {
        return "KafkaNode[" + bootstrapServers() + ", " + dataDirectory + "]";
    }

    /** Runs a broker as a process of its own; see {@link InfraMain}. */
    public static void main(String[] args) {
        InfraMain.main(InfraMain.prepend("kafka", args));
    }
}
