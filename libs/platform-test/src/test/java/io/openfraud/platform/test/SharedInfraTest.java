package io.openfraud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.openfraud.events.Topics;
import io.openfraud.platform.infra.RespClient;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The test resources' configuration and the {@link Infra} helpers, against the JVM's shared nodes. */
class SharedInfraTest {

    @Test
    void kafkaResourceCreatesThePlatformTopicsAndInfraReadsAndWritesRawBytes() {
        new KafkaTestResource().start();
        SharedKafka kafka = Infra.kafka();
        String topic = Topics.TRANSACTIONS_RAW.dlqName();
        String key = UUID.randomUUID().toString();
        byte[] poisonPill = {(byte) 0xff, 0x00, '{', 'x'};

        try (TopicTail tail = kafka.tail(topic)) {
            kafka.produce(topic, key, poisonPill, Map.of("dead-letter-reason", "test"));
            kafka.produce(topic, key, "second");

            List<ConsumerRecord<String, byte[]>> first = tail.next(1, Duration.ofSeconds(10));
            assertThat(first.get(0).key()).isEqualTo(key);
            assertThat(first.get(0).value()).containsExactly(poisonPill);
            assertThat(new String(first.get(0).headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).isEqualTo("test");
            assertThat(tail.next(1, Duration.ofSeconds(10)).get(0).value())
                    .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
            assertThat(tail.within(Duration.ofMillis(300))).isEmpty();
        }
        assertThat(kafka.consume(topic, 2, Duration.ofSeconds(10))).extracting(ConsumerRecord::key)
                .contains(key);
    }

    @Test
    void infraReportsMissingRecordsAndUndeclaredTopics() {
        new KafkaTestResource().start();
        SharedKafka kafka = Infra.kafka();

        try (TopicTail tail = kafka.tail(Topics.GDPR_EVENTS_NAME)) {
            assertThatThrownBy(() -> tail.next(1, Duration.ofMillis(300))).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 1 new records on gdpr.events");
        }
        assertThatThrownBy(() -> kafka.tail("undeclared.topic")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> kafka.produce("undeclared.topic", "k", "v"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void postgresResourceGivesEachServiceItsDatabase() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE, "scoring"));

        Map<String, String> config = resource.start();

        assertThat(config).containsOnlyKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password");
        assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/scoring");
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("scoring");
        }
        PostgresTestResource byDefault = new PostgresTestResource();
        byDefault.init(Map.of());
        assertThat(byDefault.start().get("quarkus.datasource.jdbc.url"))
                .isEqualTo(Infra.postgres().jdbcUrl("openfraud"));
    }

    @Test
    void redisResourceAndAnOutageOnDemand() throws Exception {
        String hosts = new RedisTestResource().start().get("quarkus.redis.hosts");
        SharedRedis redis = Infra.redis();
        assertThat(hosts).isEqualTo("redis://127.0.0.1:" + redis.port()).isEqualTo(redis.uri());

        try (RespClient client = new RespClient(redis.host(), redis.port())) {
            assertThat(client.call("SET", "velocity:psd-1", "3")).isEqualTo("OK");
        }
        redis.stop();
        try {
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new RespClient(redis.host(), redis.port()).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            redis.startAgain();
        }
        assertThat(redis.isRunning()).isTrue();
        try (RespClient client = new RespClient(redis.host(), redis.port())) {
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
        assertThat(new RedisTestResource().start()).containsEntry("quarkus.redis.hosts", hosts);
    }

    @Test
    void mongoResourceGivesAConnectionStringTheDriverUses() {
        String connection = new MongoTestResource().start().get("quarkus.mongodb.connection-string");

        assertThat(connection).isEqualTo(Infra.mongo().connectionString());
        try (MongoClient client = MongoClients.create(connection)) {
            client.getDatabase("governance").getCollection("audit").insertOne(new Document("_id", "a-1"));
            assertThat(client.getDatabase("governance").getCollection("audit").countDocuments()).isEqualTo(1);
        }
    }
}
