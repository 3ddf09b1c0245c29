package io.openfraud.events.kafka;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for the platform's envelopes; the codec is chosen by the record's topic. A dead-letter topic
 * {@code <topic>.dlq} uses its source topic's codec, so the SmallRye connector's {@code dead-letter-queue} strategy,
 * which mirrors the consumer's {@link EventDeserializer} into this serializer, can park a decoded envelope as it came.
 */
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
                .or(() -> sourceOfDeadLetterTopic(topicName))
                .orElseThrow(() -> new IllegalArgumentException("undeclared topic " + topicName));
        return new EventCodec<>(topic);
    }

    private static Optional<Topic<?>> sourceOfDeadLetterTopic(String topicName) {
        if (!topicName.endsWith(Topic.DLQ_SUFFIX)) {
            return Optional.empty();
        }
        String source = topicName.substring(0, topicName.length() - Topic.DLQ_SUFFIX.length());
        return Topics.byName(source).filter(Topic::hasDeadLetterTopic);
    }
}
