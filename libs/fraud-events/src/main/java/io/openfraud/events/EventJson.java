package io.openfraud.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON dialect of the platform's events: ISO-8601 instants, unknown fields tolerated (forward compatible),
 * decimals kept exactly as written ({@code 12.50} stays {@code 12.50} through a JSON tree, so a decoded event equals
 * the one that was encoded).
 */
public final class EventJson {

    private EventJson() {
    }

    /** Applies the platform's settings to {@code mapper} (used by services' Quarkus {@code ObjectMapperCustomizer}). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                // Schubfach and FastDoubleParser: the same numbers, several times cheaper than the JDK's conversions
                // (a feature vector is 91 doubles; dtoa was a leading frame of the stream's profile)
                .enable(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER)
                .enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER)
                .enable(JsonParser.Feature.USE_FAST_BIG_NUMBER_PARSER);
    }

    /** A new mapper with the platform's settings. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }
}
