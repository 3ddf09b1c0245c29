package io.openfraud.fraudctl.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stores {@code fraudctl infra up} runs, each as an {@code InfraMain} child process. */
public enum InfraStore {

    KAFKA("kafka"),
    POSTGRES("postgres"),
    REDIS("redis"),
    MONGO("mongo");

    /** The databases the services use: ingestion-, scoring- and retraining-service own one each. */
    public static final List<String> POSTGRES_DATABASES = List.of("ingestion", "retraining", "scoring");
    public static final String POSTGRES_USER = "postgres";
    public static final String POSTGRES_PASSWORD = "postgres";

    /**
     * Partitions per topic, capped: one local broker gains nothing from the production counts (up to 12) but
     * memory, file handles and rebalance time. Keys and ordering per key are the same.
     */
    static final int KAFKA_MAX_PARTITIONS = 3;

    private final String storeName;

    InfraStore(String storeName) {
        this.storeName = storeName;
    }

    /** The name InfraMain knows, also the name of the log, pid file and data directory. */
    public String storeName() {
        return storeName;
    }

    public int port(InfraPorts ports) {
        return switch (this) {
            case KAFKA -> ports.kafka();
            case POSTGRES -> ports.postgres();
            case REDIS -> ports.redis();
            case MONGO -> ports.mongo();
        };
    }

    /** Every port the store listens on. */
    List<Integer> allPorts(InfraPorts ports) {
        return this == KAFKA ? List.of(ports.kafka(), ports.kafkaController()) : List.of(port(ports));
    }

    /** How a client connects. */
    public String url(InfraPorts ports) {
        return switch (this) {
            case KAFKA -> "127.0.0.1:" + ports.kafka() + " (bootstrap servers)";
            case POSTGRES -> "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/{"
                    + String.join(",", POSTGRES_DATABASES) + "} (" + POSTGRES_USER + "/" + POSTGRES_PASSWORD + ")";
            case REDIS -> "redis://127.0.0.1:" + ports.redis();
            case MONGO -> "mongodb://127.0.0.1:" + ports.mongo() + " (mongo-java-server, in memory)";
        };
    }

    /** InfraMain's arguments: the store name first. */
    List<String> arguments(InfraPorts ports, Path dataDirectory, boolean watchStdin) {
        List<String> args = new ArrayList<>(List.of(storeName, "--port", Integer.toString(port(ports))));
        switch (this) {
            case KAFKA -> args.addAll(List.of("--controller-port", Integer.toString(ports.kafkaController()),
                    "--data-dir", dataDirectory.toString(), "--topics",
                    "--max-partitions", Integer.toString(KAFKA_MAX_PARTITIONS)));
            case POSTGRES -> args.addAll(List.of("--data-dir", dataDirectory.toString(),
                    "--database", String.join(",", POSTGRES_DATABASES)));
            // Persistent, like Kafka's and PostgreSQL's data: the feature state must match the topics' history.
            case REDIS -> args.addAll(List.of("--data-dir", dataDirectory.toString(), "--persistent"));
            case MONGO -> {
                // mongo-java-server keeps its data in memory only
            }
        }
        if (watchStdin) {
            args.add("--watch-stdin");
        }
        return args;
    }

    /**
     * JVM options. The PostgreSQL and Redis runners only supervise a native server: a small heap (PostgreSQL's
     * unpacks its binaries once, which needs more than 96 MB) and no optimising compiler. Mongo keeps its data on
     * the heap.
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
        switch (this) {
            case KAFKA -> options.addAll(List.of("-Xms256m", "-Xmx1g"));
            case POSTGRES, REDIS -> options.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            case MONGO -> options.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        }
        return options;
    }
}
