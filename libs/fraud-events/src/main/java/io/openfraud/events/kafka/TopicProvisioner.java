package io.openfraud.events.kafka;

import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes the broker's topics what {@link Topics} declares: creates the missing ones with their partitions and
 * {@link Topic#kafkaConfigs()} ({@code retention.ms}, {@code cleanup.policy}), and sets those configs on existing
 * topics whose values drifted (an operator's edit, a topic created by hand). Partitions of an existing topic are never
 * changed (raising them moves keys between partitions: a deliberate operation). A dead-letter topic gets the configs of
 * the topic it serves; a topic the contracts do not declare is created as asked, without configs. Idempotent: a second
 * run changes nothing and reports so.
 *
 * <p>Used by the test brokers and {@code fraudctl infra up}/{@code up} (through platform-test's {@code KafkaNode}); the
 * Helm chart's topics Job applies the same configs with {@code kafka-topics.sh}/{@code kafka-configs.sh}, from values
 * that a chart test keeps equal to {@link Topics}.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param admin   a client of the cluster (not closed here)
     * @param timeout how long each admin call may take
     */
    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * What a run did.
     *
     * @param created   topics created now, with the configs they were created with
     * @param aligned   existing topics whose configs were changed: per topic, per key, {@code "old -> new"}
     * @param unchanged existing topics already as declared
     */
    public record Report(List<String> created, Map<String, Map<String, String>> aligned, List<String> unchanged) {

        public Report {
            created = List.copyOf(created);
            aligned = Map.copyOf(aligned);
            unchanged = List.copyOf(unchanged);
        }

        /** Whether the run changed nothing on the broker. */
        public boolean noChange() {
            return created.isEmpty() && aligned.isEmpty();
        }
    }

    /** The configs {@code topic} must have: its declaration's, its served topic's for a dead-letter topic, or none. */
    public static Map<String, String> declaredConfigs(String topic) {
        return Topics.declaring(topic).map(Topic::kafkaConfigs).orElse(Map.of());
    }

    /**
     * Creates the missing topics of {@code partitionsByTopic} and aligns the configs of the existing ones.
     *
     * @param replicationFactor replication factor of created topics; empty for the broker's default
     */
    public Report provision(Map<String, Integer> partitionsByTopic, Optional<Short> replicationFactor) {
        Set<String> existing = Set.copyOf(await(admin.listTopics().names()));
        List<NewTopic> missing = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, Optional.of(partitions), replicationFactor)
                        .configs(declaredConfigs(name)));
            }
        });
        List<String> created = new ArrayList<>();
        List<String> raced = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                await(result.getValue(), result.getKey());
                created.add(result.getKey());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                raced.add(result.getKey()); // another provisioner was faster: align it like any existing topic
            }
        }
        List<String> toCheck = new ArrayList<>();
        partitionsByTopic.keySet().stream().filter(t -> existing.contains(t) || raced.contains(t))
                .filter(t -> !declaredConfigs(t).isEmpty()).forEach(toCheck::add);
        Map<String, Map<String, String>> aligned = align(toCheck);
        List<String> unchanged = partitionsByTopic.keySet().stream()
                .filter(t -> !created.contains(t) && !aligned.containsKey(t)).toList();
        return new Report(created, aligned, unchanged);
    }

    /** Sets every declared config whose current value differs; returns what changed. */
    private Map<String, Map<String, String>> align(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> current = await(admin.describeConfigs(resources).all());
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        Map<String, Map<String, String>> aligned = new TreeMap<>();
        for (ConfigResource resource : resources) {
            Config config = current.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            Map<String, String> changed = new TreeMap<>();
            new TreeMap<>(declaredConfigs(resource.name())).forEach((key, wanted) -> {
                ConfigEntry entry = config == null ? null : config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!wanted.equals(actual)) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                    changed.put(key, actual + " -> " + wanted);
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
                aligned.put(resource.name(), changed);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).values()
                    .forEach((resource, future) -> await(future, resource.name()));
        }
        return aligned;
    }

    private <T> T await(KafkaFuture<T> future) {
        return await(future, "the cluster");
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot provision " + what + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout + " provisioning " + what, e);
        }
    }
}
