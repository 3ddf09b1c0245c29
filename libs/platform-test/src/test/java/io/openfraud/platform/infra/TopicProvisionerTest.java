package io.openfraud.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import io.openfraud.events.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The topic provisioner against a real broker: declared retention on the broker, idempotence, drift set back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicProvisionerTest {

    static KafkaNode kafka;
    static Admin admin;
    static TopicProvisioner.Report first;

    @BeforeAll
    static void startBrokerAndProvision() {
        kafka = KafkaNode.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        first = kafka.createTopics(KafkaNode.platformTopics(2));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        kafka.stop();
    }

    @Test
    @Order(1)
    void createsEveryTopicWithItsDeclaredRetentionAndDeletePolicy() throws Exception {
        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
        assertThat(first.aligned()).isEmpty();

        Map<String, Config> configs = configs(Topics.allTopicNames());
        for (String name : Topics.allTopicNames()) {
            Topic<?> declared = Topics.declaring(name).orElseThrow();
            assertThat(Long.parseLong(configs.get(name).get("retention.ms").value()))
                    .as("retention.ms of %s on the broker", name).isEqualTo(declared.retention().toMillis());
            assertThat(configs.get(name).get("retention.ms").source())
                    .as("%s: set on the topic, not the broker default", name)
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(configs.get(name).get("cleanup.policy").value()).as(name).isEqualTo("delete");
        }
        assertThat(configs.get(Topics.TRANSACTIONS_RAW_NAME).get("retention.ms").value())
                .isEqualTo(Long.toString(Duration.ofHours(24).toMillis()));
        assertThat(configs.get(Topics.TRANSACTIONS_RAW.dlqName()).get("retention.ms").value())
                .as("a dead-letter topic keeps its topic's retention")
                .isEqualTo(Long.toString(Duration.ofHours(24).toMillis()));
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothing() throws Exception {
        Map<String, String> before = retentions();

        TopicProvisioner.Report again = kafka.createTopics(KafkaNode.platformTopics(2));

        assertThat(again.noChange()).isTrue();
        assertThat(again.unchanged()).containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
        assertThat(retentions()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void driftedRetentionAndCleanupPolicyAreSetBackAndPartitionsKept() throws Exception {
        ConfigResource validated = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRANSACTIONS_VALIDATED_NAME);
        ConfigResource gdprDlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.GDPR_EVENTS.dlqName());
        admin.incrementalAlterConfigs(Map.of(
                validated, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET)),
                gdprDlq, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", ""),
                        AlterConfigOp.OpType.DELETE)))).all().get(10, TimeUnit.SECONDS);
        // A config change reaches the broker's view asynchronously (KRaft metadata): wait until it reports the drift.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Config> drifted = configs(List.of(Topics.TRANSACTIONS_VALIDATED_NAME,
                    Topics.GDPR_EVENTS.dlqName()));
            assertThat(drifted.get(Topics.TRANSACTIONS_VALIDATED_NAME).get("retention.ms").value()).isEqualTo("-1");
            assertThat(drifted.get(Topics.TRANSACTIONS_VALIDATED_NAME).get("cleanup.policy").value())
                    .isEqualTo("compact");
            assertThat(drifted.get(Topics.GDPR_EVENTS.dlqName()).get("retention.ms").source())
                    .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        });

        TopicProvisioner.Report repaired = kafka.createTopics(KafkaNode.platformTopics(12));

        assertThat(repaired.created()).isEmpty();
        assertThat(repaired.aligned()).containsOnlyKeys(Topics.TRANSACTIONS_VALIDATED_NAME,
                Topics.GDPR_EVENTS.dlqName());
        assertThat(repaired.aligned().get(Topics.TRANSACTIONS_VALIDATED_NAME))
                .containsEntry("retention.ms", "-1 -> " + Duration.ofDays(7).toMillis())
                .containsEntry("cleanup.policy", "compact -> delete");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Map<String, Config> now = configs(List.of(Topics.TRANSACTIONS_VALIDATED_NAME,
                    Topics.GDPR_EVENTS.dlqName()));
            assertThat(now.get(Topics.TRANSACTIONS_VALIDATED_NAME).get("retention.ms").value())
                    .isEqualTo(Long.toString(Topics.TRANSACTIONS_VALIDATED.retention().toMillis()));
            assertThat(now.get(Topics.TRANSACTIONS_VALIDATED_NAME).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(now.get(Topics.GDPR_EVENTS.dlqName()).get("retention.ms").value())
                    .isEqualTo(Long.toString(Topics.GDPR_EVENTS.retention().toMillis()));
        });
        assertThat(admin.describeTopics(List.of(Topics.TRANSACTIONS_VALIDATED_NAME)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.TRANSACTIONS_VALIDATED_NAME).partitions())
                .as("partitions of an existing topic are never changed").hasSize(2);
        assertThat(kafka.createTopics(KafkaNode.platformTopics(2)).noChange()).isTrue();
    }

    @Test
    @Order(4)
    void anUndeclaredTopicIsCreatedWithoutConfigs() throws Exception {
        TopicProvisioner.Report report = kafka.createTopics(Map.of("scratch.undeclared", 1));

        assertThat(report.created()).containsExactly("scratch.undeclared");
        assertThat(configs(List.of("scratch.undeclared")).get("scratch.undeclared").get("retention.ms").source())
                .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    private static Map<String, String> retentions() throws Exception {
        Map<String, String> retentions = new TreeMap<>();
        configs(Topics.allTopicNames()).forEach((name, config) -> retentions.put(name,
                config.get("retention.ms").value() + "/" + config.get("cleanup.policy").value()));
        return retentions;
    }

    private static Map<String, Config> configs(List<String> topics) throws Exception {
        Map<String, Config> byName = new TreeMap<>();
        admin.describeConfigs(topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
                .all().get(10, TimeUnit.SECONDS).forEach((resource, config) -> byName.put(resource.name(), config));
        return byName;
    }
}
