package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.kafka.TopicProvisioner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicKafkaConfigsTest {

    @Test
    void everyTopicIsDeclaredWithItsRetentionInMillisecondsAndTheDeletePolicy() {
        for (Topic<?> topic : Topics.ALL) {
            assertThat(topic.kafkaConfigs()).as(topic.name()).containsOnlyKeys("retention.ms", "cleanup.policy")
                    .containsEntry("retention.ms", Long.toString(topic.retention().toMillis()))
                    .containsEntry("cleanup.policy", "delete");
        }
        assertThat(Topics.TRANSACTIONS_RAW.kafkaConfigs()).containsEntry("retention.ms", "86400000");
    }

    @Test
    void aDeadLetterTopicHasTheConfigsOfItsTopicAndAnUndeclaredTopicNone() {
        for (String dlq : Topics.deadLetterTopics()) {
            Topic<?> served = Topics.byName(dlq.substring(0, dlq.length() - Topic.DLQ_SUFFIX.length())).orElseThrow();
            assertThat(TopicProvisioner.declaredConfigs(dlq)).as(dlq).isEqualTo(served.kafkaConfigs());
        }
        assertThat(TopicProvisioner.declaredConfigs(Topics.MODELS_LIFECYCLE_NAME))
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(365).toMillis()));
        assertThat(TopicProvisioner.declaredConfigs("restart.check")).isEmpty();
        assertThat(TopicProvisioner.declaredConfigs(Topics.TRANSACTIONS_REJECTED_NAME + Topic.DLQ_SUFFIX))
                .as("transactions.rejected has no consumer, so no dead-letter topic").isEmpty();
        assertThat(Topics.declaring("gdpr.events.dlq")).contains(Topics.GDPR_EVENTS);
    }
}
