package io.openfraud.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.Topics;
import io.openfraud.platform.ChildFirstClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaNodeTest {

    @TempDir
    static Path base;

    static KafkaNode kafka;

    /**
     * Started the way a Quarkus test resource starts it: the thread context class loader holds other copies of Kafka's
     * classes, which Kafka must not pick up.
     */
    @BeforeAll
    static void startBroker() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new ChildFirstClassLoader(previous, "org.apache.kafka.", "kafka."));
        try {
            kafka = KafkaNode.builder().baseDirectory(base).start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        kafka.createPlatformTopics(2);
    }

    @AfterAll
    static void stopBroker() {
        kafka.stop();
    }

    @Test
    void platformTopicsAreEveryDeclaredTopicAndDeadLetterTopicWithCappedPartitions() {
        Map<String, Integer> topics = KafkaNode.platformTopics(4);

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
        assertThat(topics).containsEntry(Topics.TRANSACTIONS_RAW_NAME, 4)
                .containsEntry(Topics.MODELS_LIFECYCLE_NAME, 1)
                .containsEntry(Topics.TRANSACTIONS_ENRICHED.dlqName(), 4);
        assertThat(KafkaNode.platformTopics(100)).containsEntry(Topics.TRANSACTIONS_RAW_NAME,
                Topics.TRANSACTIONS_RAW.partitions());
        assertThatThrownBy(() -> KafkaNode.platformTopics(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void brokerHasEveryPlatformTopic() throws Exception {
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .containsAll(Topics.allTopicNames());
            assertThat(admin.describeTopics(List.of(Topics.TRANSACTIONS_VALIDATED_NAME)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.TRANSACTIONS_VALIDATED_NAME).partitions()).hasSize(2);
        }
    }

    @Test
    void recordsRoundTripThroughAPlatformTopic() throws Exception {
        String topic = Topics.TRANSACTIONS_VALIDATED_NAME;
        try (KafkaProducer<String, String> producer = producer(Duration.ofSeconds(10))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "customer-" + i, "{\"n\":" + i + "}"))
                        .get(10, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> received = readAll(topic, 3, Duration.ofSeconds(15));

        assertThat(received).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("customer-0", "customer-1", "customer-2");
    }

    @Test
    void producingToAnUndeclaredTopicFailsBecauseAutoCreateIsOff() throws Exception {
        try (KafkaProducer<String, String> producer = producer(Duration.ofMillis(1500))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("not.a.platform.topic", "k", "v"))
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.KafkaException.class)
                    .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause())
                            .contains("not present in metadata"));
        }
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("not.a.platform.topic");
        }
    }

    @Test
    void connectionInfoNamesTheListener() {
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.connectionInfo())
                .containsEntry("bootstrap.servers", "127.0.0.1:" + kafka.port())
                .containsEntry("data.dir", base.toAbsolutePath().resolve("kafka").toString());
        assertThat(kafka.controllerPort()).isNotEqualTo(kafka.port());
    }

    /** Last: restarts the broker on the same ports and base directory (what fraudctl does across sessions). */
    @Test
    @Order(Integer.MAX_VALUE)
    void restartOnTheSameDirectoryKeepsTopicsAndRecords() throws Exception {
        String topic = "restart.check";
        kafka.createTopics(Map.of(topic, 1));
        try (KafkaProducer<String, String> producer = producer(Duration.ofSeconds(10))) {
            producer.send(new ProducerRecord<>(topic, "k", "before restart")).get(10, TimeUnit.SECONDS);
        }
        int port = kafka.port();
        int controllerPort = kafka.controllerPort();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka = KafkaNode.builder().port(port).controllerPort(controllerPort).baseDirectory(base).start();

        assertThat(readAll(topic, 1, Duration.ofSeconds(15))).extracting(ConsumerRecord::value)
                .containsExactly("before restart");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(Duration maxBlock) {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int count, Duration timeout) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "kafka-node-test-" + topic);
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            assertThat(consumer.assignment()).extracting(TopicPartition::topic).containsOnly(topic);
        }
        assertThat(received).hasSize(count);
        return received;
    }
}
