package io.openfraud.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.DeadLetters.ReasonCode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Turns envelopes of one topic into bytes and back. Decoding checks what a consumer relies on: that the bytes are
 * JSON, that the envelope type is the topic's, and that the schema version is one this build understands (at most
 * the topic's current version). Failures are {@link ContractViolation}s with the dead-letter reason code. Their
 * messages end up in dead-letter headers and logs, so they never carry a card number (digit runs that could be one are
 * redacted) and never carry the parser's exception, whose message may quote the payload.
 *
 * @param <V> payload type
 */
public final class EventCodec<V> {

    /** 13 or more digits, possibly separated by single spaces or dashes: anything that could be a card number. */
    private static final Pattern CARD_NUMBER_LIKE = Pattern.compile("[0-9](?:[ -]?[0-9]){12,}");

    private final Topic<V> topic;
    private final ObjectMapper mapper;
    private final JavaType envelopeType;

    public EventCodec(Topic<V> topic, ObjectMapper mapper) {
        this.topic = topic;
        this.mapper = mapper;
        this.envelopeType = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, topic.payloadType());
    }

    public EventCodec(Topic<V> topic) {
        this(topic, EventJson.newMapper());
    }

    public Topic<V> topic() {
        return topic;
    }

    public byte[] encode(EventEnvelope<V> envelope) {
        if (!topic.eventType().equals(envelope.type())) {
            throw new ContractViolation(ReasonCode.WRONG_EVENT_TYPE,
                    "event type " + envelope.type() + " does not belong on " + topic.name());
        }
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event for " + topic.name(), e);
        }
    }

    public EventEnvelope<V> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "empty record on " + topic.name());
        }
        checkHeader(bytes);
        try {
            // straight into the typed envelope: no intermediate tree (that doubled the cost of every consumer)
            return mapper.readerFor(envelopeType).readValue(bytes);
        } catch (StreamReadException e) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "not JSON: " + firstLine(e));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation(ReasonCode.SCHEMA_VIOLATION, "does not match " + topic.name() + ": "
                    + firstLine(e));
        }
    }

    /**
     * The envelope's {@code type} and {@code schemaVersion}, read by streaming the top-level fields up to the two of
     * them (they come first in what {@link #encode} writes; anything else is skipped over, not bound).
     */
    private void checkHeader(byte[] bytes) {
        String type = null;
        int version = 0;
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ContractViolation(ReasonCode.UNPARSEABLE, "not a JSON object");
            }
            boolean typeSeen = false;
            boolean versionSeen = false;
            while (!(typeSeen && versionSeen) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field)) {
                    typeSeen = true;
                    type = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getValueAsString() : null;
                } else if ("schemaVersion".equals(field)) {
                    versionSeen = true;
                    version = value.isScalarValue() ? parser.getValueAsInt(0) : 0;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "not JSON: " + firstLine(e));
        }
        if (!topic.eventType().equals(type)) {
            throw new ContractViolation(ReasonCode.WRONG_EVENT_TYPE,
                    "event type " + redact(type) + " does not belong on " + topic.name());
        }
        if (version < 1 || version > topic.schemaVersion()) {
            throw new ContractViolation(ReasonCode.UNSUPPORTED_SCHEMA_VERSION,
                    "schema version " + version + " is not supported on " + topic.name() + " (max "
                            + topic.schemaVersion() + ")");
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return redact(newline < 0 ? message : message.substring(0, newline));
    }

    private static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = CARD_NUMBER_LIKE.matcher(text).replaceAll("[redacted]");
        return redacted.length() > 500 ? redacted.substring(0, 500) + "..." : redacted;
    }
}
