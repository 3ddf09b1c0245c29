package io.openfraud.platform.test;

import io.openfraud.platform.infra.KafkaNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Real Kafka for a {@code @QuarkusTest}: the JVM's shared single-node KRaft broker ({@link KafkaNode}), started by the
 * first test resource that needs it and stopped when the JVM exits (see {@link SharedNodes}); {@link #stop()} leaves
 * it running for the next application start. Every platform topic and dead-letter topic exists (created
 * idempotently on each start), with at most {@code max-partitions} partitions each (init arg; default
 * {@value #DEFAULT_MAX_PARTITIONS}). Automatic topic creation is off.
 *
 * <p>Returns {@code kafka.bootstrap.servers} and {@code mp.messaging.connector.smallrye-kafka.bootstrap.servers}; with
 * them set, Quarkus Dev Services for Kafka do not start.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: cap on the partitions of the platform topics. */
    public static final String MAX_PARTITIONS = "max-partitions";
    static final int DEFAULT_MAX_PARTITIONS = 3;

    private int maxPartitions = DEFAULT_MAX_PARTITIONS;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get(MAX_PARTITIONS);
        if (value != null) {
            maxPartitions = Integer.parseInt(value.trim());
        }
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = SharedNodesBridge.connectionInfo("kafka").get("bootstrap.servers");
        KafkaNode.createTopics(bootstrap, KafkaNode.platformTopics(maxPartitions));
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap);
    }

    /** Does nothing: the broker is shared by every application start in this JVM and stops with the JVM. */
    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
