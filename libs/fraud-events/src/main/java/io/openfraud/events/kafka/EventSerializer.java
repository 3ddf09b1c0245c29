package io.openfraud.events.kafka;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for the platform's envelopes; the codec is chosen by the record's topic. */
public class EventSerializer implements Serializer<EventEnvelope<?>> {

    private final Map<String, EventCodec<?>> codecs = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topicName, EventEnvelope<?> envelope) {
        if (envelope == null) {
            return null;
        }
        EventCodec codec = codecs.computeIfAbsent(topicName, EventSerializer::codecFor);
        return codec.encode(envelope);
    }

    static EventCodec<?> codecFor(String topicName) {
        Topic<?> topic = Topics.byName(topicName)
                .orElseThrow(() -> new IllegalArgumentException("undeclared topic " + topicName));
        return new EventCodec<>(topic);
    }
}
