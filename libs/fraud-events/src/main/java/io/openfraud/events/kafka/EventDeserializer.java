package io.openfraud.events.kafka;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for the platform's envelopes; the codec is chosen by the record's topic. A record that breaks
 * the contract throws {@link io.openfraud.events.ContractViolation}, which the consumer's deserialization-failure
 * handler routes to the topic's dead-letter topic with the reason code. Records of {@code <topic>.dlq} decode as
 * records of {@code <topic>} (for replay).
 */
public class EventDeserializer implements Deserializer<EventEnvelope<?>> {

    private final Map<String, EventCodec<?>> codecs = new ConcurrentHashMap<>();

    @Override
    public EventEnvelope<?> deserialize(String topicName, byte[] data) {
        return codecs.computeIfAbsent(topicName, EventSerializer::codecFor).decode(data);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: topics are declared in Topics
    }
}
