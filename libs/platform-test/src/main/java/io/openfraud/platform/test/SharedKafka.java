package io.openfraud.platform.test;

import io.openfraud.platform.infra.KafkaNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side access to the shared broker: raw bytes in, raw bytes out, so tests can send what no serializer would
 * (poison pills) and check exactly what a service wrote. Consumers here use no consumer group (they assign every
 * partition), so they neither disturb nor are disturbed by the services' groups. Clients are created per call and
 * closed before returning.
 */
public final class SharedKafka {

    /** How long a produce waits for topic metadata: an undeclared topic fails after this (auto-create is off). */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);

    private final String bootstrapServers;

    SharedKafka(Map<String, String> connectionInfo) {
        this.bootstrapServers = connectionInfo.get("bootstrap.servers");
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics (replication factor 1) unless they exist, and waits until the broker serves them. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        KafkaNode.createTopics(bootstrapServers, partitionsByTopic);
    }

    /** Sends {@code value} as UTF-8 bytes; see {@link #produce(String, String, byte[], Map)}. */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Sends raw bytes; see {@link #produce(String, String, byte[], Map)}. */
    public RecordMetadata produce(String topic, String key, byte[] value) {
        return produce(topic, key, value, Map.of());
    }

    /**
     * Sends one record and waits for the broker's acknowledgement ({@code acks=all}).
     *
     * @param key     record key, may be null
     * @param value   raw value bytes, may be null (a tombstone)
     * @param headers header values, written as UTF-8
     * @throws IllegalStateException if the broker did not take the record (for example, the topic does not exist)
     */
    public RecordMetadata produce(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name,
                headerValue.getBytes(StandardCharsets.UTF_8)));
        return send(List.of(record)).get(0);
    }

    /** Sends records in order and waits for every acknowledgement. */
    public List<RecordMetadata> send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            List<RecordMetadata> metadata = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
                metadata.add(ack.get(MAX_BLOCK.toMillis() * 3, TimeUnit.MILLISECONDS));
            }
            return metadata;
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker refused a record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("cannot produce: " + e.getMessage(), e);
        }
    }

    /**
     * The first {@code count} records of {@code topic}, read from the beginning of every partition (order across
     * partitions is arbitrary).
     *
     * @throws AssertionError if fewer than {@code count} records arrive within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> consume(String topic, int count, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            TopicTail.pollInto(consumer, records, count, timeout);
            if (records.size() < count) {
                throw new AssertionError("expected " + count + " records on " + topic + " within " + timeout
                        + ", got " + records.size());
            }
            return List.copyOf(records.subList(0, count));
        }
    }

    /**
     * A reader positioned at the current end of {@code topic}: it sees only records written after this call. Open it
     * before the action under test, then {@link TopicTail#next(int, Duration)}.
     */
    public TopicTail tail(String topic) {
        KafkaConsumer<String, byte[]> consumer = consumer();
        try {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets now, not at the first poll
            return new TopicTail(topic, consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, MAX_BLOCK);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist (automatic creation is off)");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "openfraud-test-producer");
        props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(MAX_BLOCK.toMillis()));
        props.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(MAX_BLOCK.toMillis()));
        props.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(MAX_BLOCK.toMillis() * 2));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "openfraud-test-consumer");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public String toString() {
        return "SharedKafka[" + bootstrapServers + "]";
    }
}
