package io.openfraud.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
    private final ObjectReader envelopeReader;

    public EventCodec(Topic<V> topic, ObjectMapper mapper) {
        this.topic = topic;
        this.mapper = mapper;
        this.envelopeType = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, topic.payloadType());
        this.envelopeReader = mapper.readerFor(envelopeType);
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

    /**
     * Decodes one record. A well-formed record is read straight into the typed envelope (one pass, no JSON tree: the
     * tree cost every consumer a second pass and a {@code BigDecimal} per floating-point value); anything else is
     * decoded again through the tree, which names the precise reason (not JSON, wrong type, unsupported version,
     * schema violation), so refusals and their reason codes are the same as before.
     */
    public EventEnvelope<V> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "empty record on " + topic.name());
        }
        EventEnvelope<V> typed = readTyped(bytes);
        if (typed != null && topic.eventType().equals(typed.type()) && typed.schemaVersion() >= 1
                && typed.schemaVersion() <= topic.schemaVersion()) {
            return typed;
        }
        return decodeThroughTree(bytes);
    }

    /** The envelope read in one pass, or null when that fails for any reason (the tree path then says why). */
    private EventEnvelope<V> readTyped(byte[] bytes) {
        try {
            return envelopeReader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The original decoder (tree first); package-private so tests can hold both paths to the same answers. */
    EventEnvelope<V> decodeThroughTree(byte[] bytes) {
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "not JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new ContractViolation(ReasonCode.UNPARSEABLE, "not a JSON object");
        }
        String type = tree.path("type").asText(null);
        if (!topic.eventType().equals(type)) {
            throw new ContractViolation(ReasonCode.WRONG_EVENT_TYPE,
                    "event type " + redact(type) + " does not belong on " + topic.name());
        }
        int version = tree.path("schemaVersion").asInt(0);
        if (version < 1 || version > topic.schemaVersion()) {
            throw new ContractViolation(ReasonCode.UNSUPPORTED_SCHEMA_VERSION,
                    "schema version " + version + " is not supported on " + topic.name() + " (max "
                            + topic.schemaVersion() + ")");
        }
        try {
            return envelopeReader.readValue(tree);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation(ReasonCode.SCHEMA_VIOLATION, "does not match " + topic.name() + ": "
                    + firstLine(e));
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
