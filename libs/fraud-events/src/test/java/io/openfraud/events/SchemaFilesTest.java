package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema files hang together: ids, references, one envelope schema per topic matching {@link Topics}. */
class SchemaFilesTest {

    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    static List<String> schemaFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(SchemaFilesTest.class.getResource("/schemas").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json")).sorted()
                    .toList();
        }
    }

    @Test
    void everyFileIsADraft202012SchemaWithItsOwnId() throws Exception {
        List<String> files = schemaFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(Topics.ALL.size() + 5);
        for (String file : files) {
            JsonNode schema = NoPersonalDataTest.schema(file);
            assertThat(schema.path("$schema").asText()).as(file).isEqualTo(DRAFT);
            assertThat(schema.path("$id").asText()).as(file).isEqualTo(SchemaValidator.schemaId(file));
            assertThat(schema.path("title").asText()).as(file).isNotBlank();
            // compiles, and every reference resolves offline
            SchemaValidator.shared().validate(file, MAPPER.createObjectNode());
        }
    }

    @Test
    void everyReferenceResolvesToAnExistingDefinition() throws Exception {
        for (String file : schemaFiles()) {
            List<String> refs = new ArrayList<>();
            NoPersonalDataTest.walk(NoPersonalDataTest.schema(file), node -> {
                if (node.has("$ref") && node.get("$ref").isTextual()) {
                    refs.add(node.get("$ref").asText());
                }
            });
            for (String ref : refs) {
                int hash = ref.indexOf('#');
                String target = hash < 0 ? ref : ref.substring(0, hash);
                String fragment = hash < 0 ? "" : ref.substring(hash + 1);
                JsonNode targetSchema = NoPersonalDataTest.schema(target.isEmpty() ? file : target);
                assertThat(targetSchema.at(JsonPointer.compile(fragment)).isMissingNode())
                        .as("%s: $ref %s", file, ref).isFalse();
            }
        }
    }

    @Test
    void theCanonicalTransactionSchemasAreStandalone() throws IOException {
        assertThat(NoPersonalDataTest.reachableSchemas(SchemaValidator.TRANSACTION_V1))
                .containsExactly(SchemaValidator.TRANSACTION_V1);
        assertThat(NoPersonalDataTest.reachableSchemas(SchemaValidator.TRANSACTION_V2))
                .containsExactly(SchemaValidator.TRANSACTION_V2);
    }

    @Test
    void everyTopicHasAnEnvelopeSchemaMatchingItsDeclaration() throws IOException {
        for (Topic<?> topic : Topics.ALL) {
            assertThat(Topics.class.getResource(topic.schemaResource())).as(topic.schemaResource()).isNotNull();
            JsonNode schema = NoPersonalDataTest.schema(topic.schemaFile());
            assertThat(schema.path("$ref").asText()).as(topic.name()).isEqualTo("envelope.schema.json");
            JsonNode properties = schema.path("properties");
            assertThat(properties.at("/type/const").asText()).as(topic.name()).isEqualTo(topic.eventType());
            List<Integer> versions = new ArrayList<>();
            properties.at("/schemaVersion/enum").forEach(v -> versions.add(v.asInt()));
            assertThat(versions).as(topic.name()).isNotEmpty().contains(topic.schemaVersion())
                    .allMatch(v -> v >= 1 && v <= topic.schemaVersion());
            List<String> producers = new ArrayList<>();
            properties.at("/producer/enum").forEach(p -> producers.add(p.asText()));
            if (topic.producers().contains(Services.EXTERNAL)) {
                assertThat(producers).as("%s producers are external systems", topic.name()).isEmpty();
            } else {
                assertThat(producers).as(topic.name()).isEqualTo(topic.producers());
            }
            if (versions.size() == 1) {
                assertThat(properties.at("/payload/$ref").asText()).as(topic.name()).endsWith(".schema.json");
            } else {
                // Several versions: one if/then per version selects its payload schema.
                List<Integer> selected = new ArrayList<>();
                schema.path("allOf").forEach(branch -> {
                    selected.add(branch.at("/if/properties/schemaVersion/const").asInt());
                    assertThat(branch.at("/then/properties/payload/$ref").asText()).as(topic.name())
                            .endsWith("-v" + branch.at("/if/properties/schemaVersion/const").asInt()
                                    + ".schema.json");
                });
                assertThat(selected).as(topic.name()).containsExactlyInAnyOrderElementsOf(versions);
            }
        }
    }

    @Test
    void patternsArePortableToEcmaScriptValidators() throws Exception {
        // External producers validate transaction-v1 with their own tools (ajv, jsonschema, ...): ECMA-262 syntax only.
        Pattern nonPortable = Pattern.compile("\\(\\?[imsx]|[*+?}]\\+|\\\\[AZzhHRpP]|\\[\\[|&&");
        for (String file : schemaFiles()) {
            List<String> patterns = new ArrayList<>();
            NoPersonalDataTest.walk(NoPersonalDataTest.schema(file), node -> {
                if (node.path("pattern").isTextual()) {
                    patterns.add(node.get("pattern").asText());
                }
                node.path("patternProperties").fieldNames().forEachRemaining(patterns::add);
            });
            for (String pattern : patterns) {
                Pattern.compile(pattern);
                assertThat(nonPortable.matcher(pattern).find()).as("%s: %s", file, pattern).isFalse();
                assertThat(pattern).as("%s: anchored", file).startsWith("^").endsWith("$");
            }
        }
    }
}
