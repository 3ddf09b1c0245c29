package io.openfraud.events.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.EventJson;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Consumer-driven contract tests for events. A consumer declares what it relies on in
 * {@code contracts/<topic>/<name>.json} files on its test classpath (see {@link ConsumerExpectation}); each is checked
 * against the producer's side of the contract, which lives in this library:
 *
 * <ol>
 *   <li>the example validates against the producer's schema for the topic ({@link Topic#schemaFile()});</li>
 *   <li>it decodes with {@link EventCodec} into the topic's typed record;</li>
 *   <li>every pointer in {@code reads} is in the example; it and each of its ancestors (array elements excepted: a
 *       pointer through {@code /effects/0/...} means "in every element") is required and non-null in the producer's
 *       schema, checked by removing it, then nulling it, and expecting the schema to refuse the example; and it
 *       survives decoding into the record. Every pointer in {@code readsIfPresent} is in the example and survives
 *       decoding;</li>
 *   <li>the consumer is a declared consumer of the topic in {@link Topics}, and the file sits in its topic's folder.</li>
 * </ol>
 *
 * <p>So a producer cannot drop a field, make it optional or nullable, or change its type without a consumer's test
 * failing. From a service's plain JUnit 5 test:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> eventContracts() {
 *     return ConsumerContracts.verifyConsumer(getClass().getClassLoader(), Services.SCORING).stream()
 *             .map(result -> DynamicTest.dynamicTest(result.toString(), result::assertSatisfied));
 * }
 * }</pre>
 */
public final class ConsumerContracts {

    /** Classpath folder of expectation files: {@code contracts/<topic>/<name>.json}. */
    public static final String ROOT = "contracts";

    private static final Pattern RESOURCE = Pattern.compile("^" + ROOT + "/([^/]+)/([^/]+\\.json)$");
    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final Comparator<JsonNode> SAME_VALUE = ConsumerContracts::compareValues;

    private ConsumerContracts() {
    }

    /** Resource names of every expectation file on {@code loader}'s classpath, sorted. */
    public static List<String> discover(ClassLoader loader) {
        Set<String> found = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                switch (root.getProtocol()) {
                    case "file" -> listDirectory(root, found);
                    case "jar" -> listJar(root, found);
                    default -> throw new IllegalStateException("cannot list expectation files in " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT + "/ on the classpath", e);
        }
        return List.copyOf(found);
    }

    /** Checks every expectation file on {@code loader}'s classpath; a file that cannot be read is a failed result. */
    public static List<ContractResult> verifyAll(ClassLoader loader) {
        return verifyAll(loader, SchemaValidator.shared());
    }

    /** As {@link #verifyAll(ClassLoader)}, with the given validator. */
    public static List<ContractResult> verifyAll(ClassLoader loader, SchemaValidator validator) {
        return discover(loader).stream().map(resource -> verify(resource, loader, validator)).toList();
    }

    /**
     * Checks the expectation files of {@code consumer} on {@code loader}'s classpath, and adds a failed result for
     * every topic that {@link Topics} says {@code consumer} reads but no file covers. Files of other consumers are
     * ignored.
     */
    public static List<ContractResult> verifyConsumer(ClassLoader loader, String consumer) {
        List<ContractResult> results = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (ContractResult result : verifyAll(loader)) {
            if (result.consumer().equals(consumer) || result.consumer().equals("?")) {
                results.add(result);
                covered.add(result.topic());
            }
        }
        for (Topic<?> topic : Topics.ALL) {
            if (topic.consumers().contains(consumer) && !covered.contains(topic.name())) {
                results.add(new ContractResult(ROOT + "/" + topic.name() + "/", consumer, topic.name(),
                        List.of("no expectation file: " + consumer + " is a declared consumer of " + topic.name()
                                + ", so it needs " + ROOT + "/" + topic.name() + "/<name>.json")));
            }
        }
        return List.copyOf(results);
    }

    /** Reads and checks the expectation file {@code resource} (for example {@code contracts/alerts.fraud/x.json}). */
    public static ContractResult verify(String resource, ClassLoader loader) {
        return verify(resource, loader, SchemaValidator.shared());
    }

    private static ContractResult verify(String resource, ClassLoader loader, SchemaValidator validator) {
        ConsumerExpectation expectation;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return new ContractResult(resource, "?", "?", List.of("no such resource"));
            }
            expectation = ConsumerExpectation.parse(resource, in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            return new ContractResult(resource, "?", "?", List.of("unreadable expectation: " + e.getMessage()));
        }
        return verify(expectation, validator);
    }

    /** Checks one expectation against the producer's schema and record. */
    public static ContractResult verify(ConsumerExpectation expectation) {
        return verify(expectation, SchemaValidator.shared());
    }

    /** As {@link #verify(ConsumerExpectation)}, with the given validator. */
    public static ContractResult verify(ConsumerExpectation expectation, SchemaValidator validator) {
        List<String> problems = new ArrayList<>();
        Topic<?> topic = Topics.byName(expectation.topic()).orElse(null);
        if (topic == null) {
            problems.add("topic " + expectation.topic() + " is not declared in Topics");
            return result(expectation, problems);
        }
        var folder = RESOURCE.matcher(expectation.source());
        if (folder.matches() && !folder.group(1).equals(topic.name())) {
            problems.add("file is in " + ROOT + "/" + folder.group(1) + "/ but is about " + topic.name());
        }
        if (!topic.consumers().contains(expectation.consumer())) {
            problems.add(expectation.consumer() + " is not a declared consumer of " + topic.name() + " (Topics says "
                    + topic.consumers() + "); declare it there and in docs/contracts.md first");
        }

        JsonNode example = expectation.example();
        String schema = topic.schemaFile();
        List<SchemaViolation> violations = validator.validate(topic, example);
        violations.forEach(v -> problems.add("example breaks the producer's schema " + schema + ": " + v));

        JsonNode decoded = decodeAndEncode(topic, example, problems);

        for (String pointer : expectation.reads()) {
            JsonPointer at = pointer(pointer, problems);
            if (at == null) {
                continue;
            }
            if (example.at(at).isMissingNode()) {
                problems.add("reads " + pointer + " but the example does not contain it");
                continue;
            }
            if (violations.isEmpty()) {
                checkRequired(validator, topic, example, pointer, at, problems);
            }
            checkCarried(topic, decoded, example, pointer, at, problems);
        }
        for (String pointer : expectation.readsIfPresent()) {
            JsonPointer at = pointer(pointer, problems);
            if (at == null) {
                continue;
            }
            if (example.at(at).isMissingNode()) {
                problems.add("readsIfPresent " + pointer + " but the example does not contain it (show it in use)");
                continue;
            }
            checkCarried(topic, decoded, example, pointer, at, problems);
        }
        return result(expectation, problems);
    }

    private static JsonPointer pointer(String pointer, List<String> problems) {
        try {
            JsonPointer at = JsonPointer.compile(pointer);
            if (at.matches()) {
                problems.add("\"\" names the whole envelope; name the fields you read");
                return null;
            }
            return at;
        } catch (IllegalArgumentException e) {
            problems.add("\"" + pointer + "\" is not a JSON Pointer (RFC 6901), for example /payload/transactionId");
            return null;
        }
    }

    /**
     * The field and each of its ancestors must be required and non-null, or a producer could leave the field out
     * by leaving out its parent. Array elements are the exception: a pointer through {@code /effects/0/...} means
     * "in every element", and the array may be empty.
     */
    private static void checkRequired(SchemaValidator validator, Topic<?> topic, JsonNode example, String pointer,
            JsonPointer at, List<String> problems) {
        List<JsonPointer> chain = new ArrayList<>();
        for (JsonPointer p = at; p != null && !p.matches(); p = p.head()) {
            chain.add(0, p);
        }
        String schema = topic.schemaFile();
        for (JsonPointer node : chain) {
            if (example.at(node.head()).isArray()) {
                continue;
            }
            String which = node.equals(at) ? "it" : node + " (which holds it)";
            if (validator.validate(topic, without(example, node)).isEmpty()) {
                problems.add("reads " + pointer + " but the producer's schema " + schema + " does not require "
                        + which + ": a producer may leave it out");
                return;
            }
            if (validator.validate(topic, withNull(example, node)).isEmpty()) {
                problems.add("reads " + pointer + " but the producer's schema " + schema + " allows null for "
                        + which);
                return;
            }
        }
    }

    private static JsonNode decodeAndEncode(Topic<?> topic, JsonNode example, List<String> problems) {
        try {
            return roundTrip(new EventCodec<>(topic, MAPPER), MAPPER.writeValueAsBytes(example));
        } catch (ContractViolation e) {
            problems.add("example does not decode into " + topic.payloadType().getSimpleName() + " ("
                    + e.reasonCode() + "): " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add("example does not survive decoding and re-encoding: " + e);
        }
        return null;
    }

    private static <V> JsonNode roundTrip(EventCodec<V> codec, byte[] bytes) throws IOException {
        EventEnvelope<V> envelope = codec.decode(bytes);
        return MAPPER.readTree(codec.encode(envelope));
    }

    private static void checkCarried(Topic<?> topic, JsonNode decoded, JsonNode example, String pointer,
            JsonPointer at, List<String> problems) {
        if (decoded == null) {
            return;
        }
        JsonNode carried = decoded.at(at);
        if (carried.isMissingNode() || !carried.equals(SAME_VALUE, example.at(at))) {
            problems.add(pointer + " does not survive decoding into " + topic.payloadType().getSimpleName()
                    + " (the record " + (carried.isMissingNode() ? "drops it" : "changes it") + ")");
        }
    }

    private static JsonNode without(JsonNode example, JsonPointer at) {
        JsonNode copy = example.deepCopy();
        JsonNode parent = copy.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(at.last().getMatchingIndex());
        }
        return copy;
    }

    private static JsonNode withNull(JsonNode example, JsonPointer at) {
        JsonNode copy = example.deepCopy();
        JsonNode parent = copy.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), NullNode.getInstance());
        } else if (parent instanceof ArrayNode array) {
            array.set(at.last().getMatchingIndex(), NullNode.getInstance());
        }
        return copy;
    }

    /** 0 if both nodes hold the same value: numbers by value (12.5 = 12.50), date-times by instant. */
    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual() && !a.asText().equals(b.asText())) {
            try {
                return OffsetDateTime.parse(a.asText()).toInstant().compareTo(OffsetDateTime.parse(b.asText())
                        .toInstant());
            } catch (DateTimeParseException e) {
                return 1;
            }
        }
        return a.equals(b) ? 0 : 1;
    }

    private static ContractResult result(ConsumerExpectation expectation, List<String> problems) {
        return new ContractResult(expectation.source(), expectation.consumer(), expectation.topic(), problems);
    }

    private static void listDirectory(URL root, Set<String> found) throws IOException {
        Path dir;
        try {
            dir = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot read " + root, e);
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(Files::isRegularFile)
                    .map(file -> ROOT + "/" + dir.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> RESOURCE.matcher(name).matches())
                    .forEach(found::add);
        }
    }

    private static void listJar(URL root, Set<String> found) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("cannot list " + root);
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            jar.stream().map(JarEntry::getName).filter(name -> RESOURCE.matcher(name).matches()).forEach(found::add);
        }
    }
}
