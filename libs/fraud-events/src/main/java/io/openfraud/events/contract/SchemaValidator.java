package io.openfraud.events.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.SchemaLoader;
import io.openfraud.events.EventJson;
import io.openfraud.events.Topic;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Validates JSON against the platform's JSON Schemas (draft 2020-12): a topic's envelope schema, the canonical
 * transaction v1, or any schema file of this library. Schemas are loaded from this library's classpath under
 * {@code /schemas/} by mapping their {@code $id}s ({@value #BASE_URI}...); nothing is ever fetched over the network.
 * Compiled schemas are cached; instances are thread-safe, and {@link #shared()} is the one most callers want.
 *
 * <p>Violations name the offending value by JSON Pointer and never quote it, so ingestion's REST API can return them
 * to a client as they are.
 */
public final class SchemaValidator {

    /** Prefix of every schema's {@code $id}; the rest is the file name under {@code /schemas/}. */
    public static final String BASE_URI = "https://openfraud.io/schemas/";

    /** File name of the canonical transaction schema, version 1 (still accepted). */
    public static final String TRANSACTION_V1 = "transaction-v1.schema.json";

    /** File name of the canonical transaction schema, version 2 (a body with {@code "schemaVersion": 2}). */
    public static final String TRANSACTION_V2 = "transaction-v2.schema.json";

    /** Classpath folder of the schema files. */
    public static final String RESOURCE_FOLDER = "schemas/";

    private static final String MAPPED_PREFIX = "classpath:" + RESOURCE_FOLDER;

    private static final SchemaValidator SHARED = new SchemaValidator();

    private static final Comparator<SchemaViolation> ORDER = Comparator.comparing(SchemaViolation::path)
            .thenComparing(SchemaViolation::keyword)
            .thenComparing(SchemaViolation::message);

    private final ClassLoader classLoader;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final ObjectReader reader;
    private final ConcurrentMap<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** A validator with its own schema cache; prefer {@link #shared()}. */
    public SchemaValidator() {
        this.classLoader = SchemaValidator.class.getClassLoader();
        SchemaLoader classpathOnly = this::load;
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, MAPPED_PREFIX))
                .schemaLoaders(loaders -> loaders.values(list -> list.add(0, classpathOnly))));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        this.reader = EventJson.newMapper().reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The process-wide validator (schemas compiled once per process). */
    public static SchemaValidator shared() {
        return SHARED;
    }

    /** The {@code $id} of the schema file {@code schemaFile}. */
    public static String schemaId(String schemaFile) {
        return BASE_URI + schemaFile;
    }

    /** Violations of {@code topic}'s envelope schema by the record value {@code json}; empty if it conforms. */
    public List<SchemaViolation> validate(Topic<?> topic, byte[] json) {
        return validate(topic.schemaFile(), json);
    }

    /** Violations of {@code topic}'s envelope schema by {@code envelope}; empty if it conforms. */
    public List<SchemaViolation> validate(Topic<?> topic, JsonNode envelope) {
        return validate(topic.schemaFile(), envelope);
    }

    /**
     * Violations of the canonical transaction schema its {@code schemaVersion} names (absent: version 1) by
     * {@code json} (a REST body, batch item or file row); empty if it conforms.
     */
    public List<SchemaViolation> validateTransaction(byte[] json) {
        JsonNode node;
        try {
            node = json == null || json.length == 0 ? null : reader.readTree(json);
        } catch (IOException e) {
            node = null;
        }
        return node == null ? validate(TRANSACTION_V1, json) : validateTransaction(node);
    }

    /**
     * Violations of the canonical transaction schema its {@code schemaVersion} names (absent: version 1) by
     * {@code transaction}; an unknown version is one violation at {@code /schemaVersion}.
     */
    public List<SchemaViolation> validateTransaction(JsonNode transaction) {
        return transactionSchema(transaction).map(file -> validate(file, transaction))
                .orElseGet(() -> List.of(new SchemaViolation("/schemaVersion", "enum",
                        "must be 1 or 2 (absent means 1)")));
    }

    /** The transaction schema file {@code transaction} declares, empty when its {@code schemaVersion} is unknown. */
    public static java.util.Optional<String> transactionSchema(JsonNode transaction) {
        JsonNode version = transaction == null ? null : transaction.get("schemaVersion");
        if (version == null || version.isNull()) {
            return java.util.Optional.of(TRANSACTION_V1);
        }
        if (version.isIntegralNumber() && version.asInt() == 1) {
            return java.util.Optional.of(TRANSACTION_V1);
        }
        if (version.isIntegralNumber() && version.asInt() == 2) {
            return java.util.Optional.of(TRANSACTION_V2);
        }
        return java.util.Optional.empty();
    }

    /**
     * Violations of the schema file {@code schemaFile} (for example {@code erasure-report-v1.schema.json}) by
     * {@code json}. Bytes that are not exactly one JSON document (empty, malformed, trailing data, duplicate keys)
     * give one {@link SchemaViolation#SYNTAX} violation at the document.
     */
    public List<SchemaViolation> validate(String schemaFile, byte[] json) {
        JsonSchema schema = schema(schemaFile);
        if (json == null || json.length == 0) {
            return List.of(new SchemaViolation("", SchemaViolation.SYNTAX, "empty document"));
        }
        JsonNode node;
        try {
            node = reader.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(new SchemaViolation("", SchemaViolation.SYNTAX, syntaxMessage(e)));
        } catch (IOException e) {
            return List.of(new SchemaViolation("", SchemaViolation.SYNTAX, "not readable as JSON"));
        }
        if (node == null || node.isMissingNode()) {
            return List.of(new SchemaViolation("", SchemaViolation.SYNTAX, "empty document"));
        }
        return validate(schema, node);
    }

    /** Violations of the schema file {@code schemaFile} by {@code instance}; empty if it conforms. */
    public List<SchemaViolation> validate(String schemaFile, JsonNode instance) {
        Objects.requireNonNull(instance, "instance");
        return validate(schema(schemaFile), instance);
    }

    private List<SchemaViolation> validate(JsonSchema schema, JsonNode instance) {
        Set<ValidationMessage> messages = schema.validate(instance);
        if (messages.isEmpty()) {
            return List.of();
        }
        Set<SchemaViolation> violations = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            violations.add(toViolation(message));
        }
        List<SchemaViolation> sorted = new ArrayList<>(violations);
        sorted.sort(ORDER);
        return List.copyOf(sorted);
    }

    private JsonSchema schema(String schemaFile) {
        Objects.requireNonNull(schemaFile, "schemaFile");
        return schemas.computeIfAbsent(schemaFile, file -> {
            if (classLoader.getResource(RESOURCE_FOLDER + file) == null) {
                throw new IllegalArgumentException("no schema " + file + " under /" + RESOURCE_FOLDER);
            }
            JsonSchema schema = factory.getSchema(SchemaLocation.of(schemaId(file)), config);
            schema.initializeValidators();
            return schema;
        });
    }

    private com.networknt.schema.resource.InputStreamSource load(com.networknt.schema.AbsoluteIri iri) {
        String location = iri.toString();
        if (location.startsWith(MAPPED_PREFIX)) {
            String resource = RESOURCE_FOLDER + location.substring(MAPPED_PREFIX.length());
            URL url = classLoader.getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException("no schema " + resource + " on the classpath");
            }
            return url::openStream;
        }
        if (location.startsWith("http:") || location.startsWith("https:")) {
            throw new IllegalArgumentException("schema " + location
                    + " is not one of the platform's; schemas are never fetched over the network");
        }
        return null;
    }

    private static SchemaViolation toViolation(ValidationMessage message) {
        String path = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
        String keyword = message.getType() == null ? "schema" : message.getType();
        if (("required".equals(keyword) || "dependentRequired".equals(keyword)) && message.getProperty() != null) {
            path = path + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return new SchemaViolation(path, keyword, text);
    }

    private static String syntaxMessage(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "not valid JSON";
        }
        return "not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
