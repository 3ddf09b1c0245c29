package io.openfraud.scoring.messaging;

import io.openfraud.scoring.config.StreamConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the {@code transactions-enriched} consumer its batch bounds from {@link StreamConfig} (typed, validated once)
 * instead of raw Kafka properties: {@code max.poll.records}, {@code fetch.max.wait.ms}, {@code fetch.min.bytes}.
 */
@ApplicationScoped
public class StreamBatching implements ClientCustomizer<Map<String, Object>> {

    static final String CHANNEL = "transactions-enriched";

    private final StreamConfig config;

    StreamBatching(StreamConfig config) {
        if (config.maxBatch() < 1 || config.maxWait().isNegative() || config.fetchMinBytes() < 1) {
            throw new IllegalArgumentException("openfraud.scoring.stream: max-batch and fetch-min-bytes must be >= 1,"
                    + " max-wait >= 0");
        }
        if (config.maxBatch() > EnrichedConsumer.BUFFER) {
            throw new IllegalArgumentException("openfraud.scoring.stream.max-batch " + config.maxBatch()
                    + " exceeds the publishers' buffer of " + EnrichedConsumer.BUFFER + " records per batch");
        }
        this.config = config;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> kafkaConfig) {
        if (CHANNEL.equals(channel)) {
            kafkaConfig.put("max.poll.records", Integer.toString(config.maxBatch()));
            kafkaConfig.put("fetch.max.wait.ms", Long.toString(config.maxWait().toMillis()));
            kafkaConfig.put("fetch.min.bytes", Integer.toString(config.fetchMinBytes()));
        }
        return kafkaConfig;
    }
}
