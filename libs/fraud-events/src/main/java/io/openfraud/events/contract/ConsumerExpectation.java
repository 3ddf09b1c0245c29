package io.openfraud.events.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.events.EventJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one consumer relies on in the events of one topic: a file {@code contracts/<topic>/<name>.json} on the
 * consumer's test classpath, checked by {@link ConsumerContracts} against the producer's schema.
 *
 * <pre>{@code
 * {
 *   "consumer": "feature-service",
 *   "topic": "transactions.validated",
 *   "description": "optional: why the consumer reads these fields",
 *   "reads": ["/payload/transaction/transactionId", "/payload/transaction/amountMinor"],
 *   "readsIfPresent": ["/payload/transaction/card/token"],
 *   "example": { ...a complete envelope as the consumer expects to receive it... }
 * }
 * }</pre>
 *
 * @param source         where the expectation came from (its classpath resource name)
 * @param consumer       the consuming service, as in {@link io.openfraud.events.Services}
 * @param topic          the topic name, as in {@link io.openfraud.events.Topics}
 * @param description    optional free text
 * @param reads          JSON Pointers (RFC 6901, from the envelope root) of the fields the consumer cannot do without:
 *                       each must be in the example and required (and non-null) in the producer's schema
 * @param readsIfPresent JSON Pointers of optional fields the consumer uses when they are there: each must be in the
 *                       example and survive decoding, but may be optional in the producer's schema
 * @param example        an envelope as the consumer expects to receive it
 */
public record ConsumerExpectation(
        String source,
        String consumer,
        String topic,
        String description,
        List<String> reads,
        List<String> readsIfPresent,
        JsonNode example) {

    private static final Set<String> FIELDS = Set.of("consumer", "topic", "description", "reads", "readsIfPresent",
            "example", "$comment");

    public ConsumerExpectation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(topic, "topic");
        reads = List.copyOf(reads);
        readsIfPresent = readsIfPresent == null ? List.of() : List.copyOf(readsIfPresent);
        Objects.requireNonNull(example, "example");
    }

    /**
     * Parses an expectation file.
     *
     * @param source name to report it under (usually its resource name)
     * @param json   the file's content
     * @throws IllegalArgumentException if it is not an expectation file: not JSON, an unknown or missing member, a
     *                                  pointer that is not a JSON Pointer, an example that is not an object
     */
    public static ConsumerExpectation parse(String source, byte[] json) {
        JsonNode root;
        try {
            root = EventJson.newMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(source + ": unknown member \"" + name + "\" (expected " + FIELDS
                        + ")");
            }
        }
        String consumer = text(source, root, "consumer");
        String topic = text(source, root, "topic");
        String description = root.hasNonNull("description") ? root.get("description").asText() : null;
        List<String> reads = pointers(source, root, "reads", true);
        List<String> readsIfPresent = pointers(source, root, "readsIfPresent", false);
        JsonNode example = root.get("example");
        if (example == null || !example.isObject()) {
            throw new IllegalArgumentException(source + ": \"example\" must be an envelope (a JSON object)");
        }
        return new ConsumerExpectation(source, consumer, topic, description, reads, readsIfPresent, example);
    }

    private static String text(String source, JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": \"" + name + "\" must be a non-empty string");
        }
        return node.asText();
    }

    private static List<String> pointers(String source, JsonNode root, String name, boolean required) {
        JsonNode node = root.get(name);
        if (node == null && !required) {
            return List.of();
        }
        if (node == null || !node.isArray() || (required && node.isEmpty())) {
            throw new IllegalArgumentException(source + ": \"" + name + "\" must be "
                    + (required ? "a non-empty" : "an") + " array of JSON Pointers");
        }
        List<String> pointers = new ArrayList<>();
        for (JsonNode element : node) {
            String pointer = element.isTextual() ? element.asText() : null;
            if (pointer == null || pointer.isEmpty()) {
                throw new IllegalArgumentException(source + ": \"" + name + "\" holds " + element
                        + ", not a JSON Pointer such as /payload/transactionId");
            }
            try {
                JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": \"" + pointer + "\" is not a JSON Pointer", e);
            }
            pointers.add(pointer);
        }
        return pointers;
    }
}
