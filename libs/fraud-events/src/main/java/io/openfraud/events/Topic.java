package io.openfraud.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kafka topic, declared once: its name, what its key holds, the payload type and schema, who writes and
 * reads it, and how it is provisioned. Values on the wire are {@link EventEnvelope}s of {@code V} serialised as
 * JSON and validated by the JSON Schema at {@link #schemaResource()}.
 *
 * @param name          topic name
 * @param key           what the record key holds (always a string; never personal data)
 * @param payloadType   Java type of the envelope's payload
 * @param eventType     the envelope's {@code type}
 * @param schemaVersion version of the payload schema that producers write now
 * @param schemaFile    file name of the envelope schema under {@code /schemas/}
 * @param producers     services (or external systems) that write the topic
 * @param consumers     services that read the topic
 * @param partitions    partitions to create; bounds the useful consumer replicas
 * @param retention     retention to configure on the topic
 * @param personalData  what personal or cardholder data the topic may hold (pseudonyms and tokens only,
 *                      except for the inbound raw topic)
 * @param <V>           payload type
 */
public record Topic<V>(
        String name,
        String key,
        Class<V> payloadType,
        String eventType,
        int schemaVersion,
        String schemaFile,
        List<String> producers,
        List<String> consumers,
        int partitions,
        Duration retention,
        String personalData) {

    /** Suffix of the dead-letter topic of every consumed topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Kafka topic config key of the retention, in milliseconds. */
    public static final String RETENTION_MS = "retention.ms";
    /** Kafka topic config key of the cleanup policy. */
    public static final String CLEANUP_POLICY = "cleanup.policy";
    /**
     * The cleanup policy of every platform topic. Never {@code compact}: a compacted topic keeps the last record of
     * each key past {@code retention.ms}, so the declared retention would not bound what the topic holds.
     */
    public static final String CLEANUP_DELETE = "delete";

    public Topic {
        Objects.requireNonNull(name, "name");
        producers = List.copyOf(producers);
        consumers = List.copyOf(consumers);
    }

    /** Classpath location of this topic's envelope JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + schemaFile;
    }

    /** Name of this topic's dead-letter topic. */
    public String dlqName() {
        return name + DLQ_SUFFIX;
    }

    /**
     * The Kafka topic configs this topic (and its dead-letter topic) is created with and kept aligned to by the topic
     * provisioner ({@code io.openfraud.events.kafka.TopicProvisioner}, the Helm topics Job): {@code retention.ms} from
     * {@link #retention()} and {@code cleanup.policy=delete}.
     */
    public Map<String, String> kafkaConfigs() {
        return Map.of(RETENTION_MS, Long.toString(retention.toMillis()), CLEANUP_POLICY, CLEANUP_DELETE);
    }

    /** Whether any platform service consumes this topic (and so owns a dead-letter topic for it). */
    public boolean hasDeadLetterTopic() {
        return !consumers.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
