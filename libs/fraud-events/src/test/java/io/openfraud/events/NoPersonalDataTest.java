package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.contract.SchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every topic the platform produces carries pseudonyms, tokens and masked values only. The schemas enforce it: no
 * schema but the inbound raw topic's declares a card number, CVV, name, address, email or date of birth, and no
 * field of a produced topic admits a card number, however it is written.
 */
class NoPersonalDataTest {

    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final SchemaValidator VALIDATOR = SchemaValidator.shared();

    /** Property names that would mean personal or cardholder data (compared case-insensitively). */
    private static final Set<String> FORBIDDEN = Set.of("pan", "cardnumber", "cvv", "cvc", "cvv2", "name",
            "firstname", "lastname", "fullname", "email", "address", "street", "dob", "dateofbirth", "birthdate",
            "phone", "ssn");

    static List<Topic<?>> producedTopics() {
        return Topics.ALL.stream().filter(t -> t != Topics.TRANSACTIONS_RAW).toList();
    }

    record Sample(Topic<?> topic, ObjectNode envelope) {
        @Override
        public String toString() {
            return topic.name();
        }
    }

    @Provide
    Arbitrary<Sample> producedEvents() {
        return Arbitraries.of(producedTopics()).flatMap(topic -> EventArbitraries.envelopes(topic)
                .map(envelope -> new Sample(topic, (ObjectNode) MAPPER.valueToTree(envelope))));
    }

    @Provide
    Arbitrary<String> cardNumbers() {
        return EventArbitraries.cardNumbers();
    }

    @Property(tries = 60)
    void noFieldOfAProducedTopicAdmitsACardNumber(@ForAll("producedEvents") Sample sample,
            @ForAll("cardNumbers") String pan) {
        assertThat(VALIDATOR.validate(sample.topic(), sample.envelope())).as("the sample itself").isEmpty();
        List<JsonNode> disguises = List.of(
                MAPPER.getNodeFactory().textNode(pan),
                MAPPER.getNodeFactory().textNode(grouped(pan, " ")),
                MAPPER.getNodeFactory().textNode(grouped(pan, "-")),
                MAPPER.getNodeFactory().textNode("card " + pan + " declined"),
                MAPPER.getNodeFactory().numberNode(new BigInteger(pan)));
        for (String pointer : leaves(sample.envelope())) {
            for (JsonNode disguise : disguises) {
                ObjectNode copy = sample.envelope().deepCopy();
                replace(copy, pointer, disguise);
                assertThat(VALIDATOR.validate(sample.topic(), copy))
                        .as("%s with a card number (%s) at %s", sample.topic(), disguise, pointer).isNotEmpty();
            }
        }
        for (String objectPointer : objects(sample.envelope())) {
            ObjectNode copy = sample.envelope().deepCopy();
            ((ObjectNode) copy.at(objectPointer)).put(pan, "x");
            assertThat(VALIDATOR.validate(sample.topic(), copy))
                    .as("%s with a card number as a key of %s", sample.topic(), objectPointer).isNotEmpty();
        }
    }

    @Property
    void aCardNumberNeverValidatesAsACardToken(@ForAll("cardNumbers") String pan) {
        assertThat(EventArbitraries.luhnValid(pan)).isTrue();
        ObjectNode event = (ObjectNode) MAPPER.valueToTree(EventEnvelope.of(Topics.TRANSACTIONS_VALIDATED,
                Services.INGESTION, EventArbitraries.validatedTransactions().filter(v -> v.transaction().card() != null)
                        .sample(), java.time.Instant.EPOCH));
        for (String field : new String[] {"token", "bin", "last4"}) {
            ObjectNode copy = event.deepCopy();
            ((ObjectNode) copy.at("/payload/transaction/card")).put(field, pan);
            assertThat(VALIDATOR.validate(Topics.TRANSACTIONS_VALIDATED, copy))
                    .extracting(v -> v.path()).contains("/payload/transaction/card/" + field);
        }
    }

    @Example
    void noProducedTopicSchemaDeclaresPersonalDataProperties() throws IOException {
        for (Topic<?> topic : producedTopics()) {
            Set<String> files = reachableSchemas(topic.schemaFile());
            assertThat(files).as(topic.name()).doesNotContain(SchemaValidator.TRANSACTION_V1);
            for (String file : files) {
                List<String> names = new ArrayList<>();
                walk(schema(file), node -> {
                    if (node.has("properties") && node.get("properties").isObject()) {
                        node.get("properties").fieldNames().forEachRemaining(names::add);
                    }
                    if (node.has("required") && node.get("required").isArray()) {
                        node.get("required").forEach(n -> names.add(n.asText()));
                    }
                });
                assertThat(names).as("properties of %s (reached from %s)", file, topic.schemaFile())
                        .allSatisfy(name -> assertThat(FORBIDDEN).doesNotContain(name.toLowerCase(Locale.ROOT)));
            }
        }
    }

    @Example
    void onlyTheRawTopicReachesTheCanonicalTransaction() throws IOException {
        assertThat(reachableSchemas(Topics.TRANSACTIONS_RAW.schemaFile())).contains(SchemaValidator.TRANSACTION_V1);
        assertThat(Topics.TRANSACTIONS_RAW.consumers()).containsExactly(Services.INGESTION);
        assertThat(Topics.TRANSACTIONS_RAW.retention()).isLessThanOrEqualTo(java.time.Duration.ofDays(1));
    }

    // ---- helpers

    private static String grouped(String pan, String separator) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pan.length(); i += 4) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(pan, i, Math.min(pan.length(), i + 4));
        }
        return out.toString();
    }

    /** JSON Pointers of every scalar (string, number, boolean, null) in {@code node}. */
    static List<String> leaves(JsonNode node) {
        List<String> pointers = new ArrayList<>();
        collect(node, "", pointers, false);
        return pointers;
    }

    /** JSON Pointers of every object in {@code node}. */
    static List<String> objects(JsonNode node) {
        List<String> pointers = new ArrayList<>();
        collect(node, "", pointers, true);
        return pointers;
    }

    private static void collect(JsonNode node, String at, List<String> out, boolean objects) {
        if (node.isObject()) {
            if (objects) {
                out.add(at);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), at + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), out,
                        objects);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, out, objects);
            }
        } else if (!objects) {
            out.add(at);
        }
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        com.fasterxml.jackson.core.JsonPointer at = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), value);
        }
    }

    static JsonNode schema(String file) throws IOException {
        try (InputStream in = NoPersonalDataTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    /** {@code file} and every schema file it references, transitively. */
    static Set<String> reachableSchemas(String file) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(file));
        while (!todo.isEmpty()) {
            String next = todo.remove(0);
            if (!seen.add(next)) {
                continue;
            }
            walk(schema(next), node -> {
                if (node.has("$ref") && node.get("$ref").isTextual()) {
                    String ref = node.get("$ref").asText();
                    String target = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
                    if (!target.isEmpty()) {
                        todo.add(target);
                    }
                }
            });
        }
        return seen;
    }

    static void walk(JsonNode node, Consumer<JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(node);
        }
        node.forEach(child -> walk(child, visitor));
    }
}
