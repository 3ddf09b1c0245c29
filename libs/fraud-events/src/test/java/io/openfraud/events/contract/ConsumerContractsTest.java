package io.openfraud.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.events.Services;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example consumer expectations under {@code src/test/resources/contracts/} (one per declared consumer of
 * every topic) and checks that the checker catches what it is there to catch.
 */
class ConsumerContractsTest {

    private static final ObjectMapper MAPPER = EventJson.newMapper();
    private static final ClassLoader LOADER = ConsumerContractsTest.class.getClassLoader();

    /** What a service's own contract test looks like; here it runs every expectation of every consumer. */
    @TestFactory
    Stream<DynamicTest> everyConsumerExpectationHolds() {
        return ConsumerContracts.verifyAll(LOADER).stream()
                .map(result -> DynamicTest.dynamicTest(result.toString(), result::assertSatisfied));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceCoversEveryTopicItReads() {
        return Stream.of(Services.INGESTION, Services.FEATURE, Services.SCORING, Services.RETRAINING,
                Services.GOVERNANCE).map(service -> DynamicTest.dynamicTest(service, () -> {
                    List<ContractResult> results = ConsumerContracts.verifyConsumer(LOADER, service);
                    assertThat(results).isNotEmpty().allSatisfy(ContractResult::assertSatisfied);
                    assertThat(results).extracting(ContractResult::consumer).containsOnly(service);
                }));
    }

    @Test
    void everyDeclaredConsumerOfEveryTopicHasAnExpectation() {
        Set<String> declared = new HashSet<>();
        for (Topic<?> topic : Topics.ALL) {
            topic.consumers().forEach(consumer -> declared.add(topic.name() + "/" + consumer));
        }
        Set<String> covered = new HashSet<>();
        ConsumerContracts.verifyAll(LOADER).forEach(r -> covered.add(r.topic() + "/" + r.consumer()));
        assertThat(covered).isEqualTo(declared);
        assertThat(ConsumerContracts.discover(LOADER)).hasSize(20)
                .allMatch(name -> name.matches("contracts/[a-z.]+/[a-z-]+\\.json"));
    }

    // ---- what the checker catches

    private static ConsumerExpectation expectation(String resource) throws IOException {
        try (var in = LOADER.getResourceAsStream(resource)) {
            return ConsumerExpectation.parse(resource, in.readAllBytes());
        }
    }

    private static ConsumerExpectation with(ConsumerExpectation base, List<String> reads, List<String> ifPresent,
            JsonNode example) {
        return new ConsumerExpectation(base.source(), base.consumer(), base.topic(), base.description(), reads,
                ifPresent, example);
    }

    @Test
    void readingAnOptionalFieldAsIfItWereRequiredFails() throws IOException {
        ConsumerExpectation base = expectation("contracts/transactions.validated/retraining-service.json");
        ObjectNode example = base.example().deepCopy();
        ((ObjectNode) example.at("/payload/transaction")).putObject("card").put("token", "tok_Gh73kLm9Qa2ZxPv4")
                .put("bin", "411111").put("last4", "1111");
        ContractResult result = ConsumerContracts.verify(with(base, List.of("/payload/transaction/card/token",
                "/payload/transaction/customer/balanceAfterMinor"), List.of(), example));
        assertThat(result.problems()).containsExactly(
                "reads /payload/transaction/card/token but the producer's schema transactions.validated.schema.json"
                        + " does not require /payload/transaction/card (which holds it): a producer may leave it out",
                "reads /payload/transaction/customer/balanceAfterMinor but the producer's schema"
                        + " transactions.validated.schema.json does not require it: a producer may leave it out");
        // As readsIfPresent they are fine: the consumer copes with their absence.
        assertThat(ConsumerContracts.verify(with(base, base.reads(), List.of("/payload/transaction/card/token",
                "/payload/transaction/customer/balanceAfterMinor"), example)).problems()).isEmpty();
    }

    @Test
    void readingAFieldInsideEveryArrayElementIsAllowed() throws IOException {
        ConsumerExpectation base = expectation("contracts/gdpr.events/governance-service.json");
        assertThat(base.reads()).contains("/payload/effects/0/store");
        assertThat(ConsumerContracts.verify(base).problems()).isEmpty();
        ObjectNode example = base.example().deepCopy();
        ((ObjectNode) example.at("/payload/effects/0")).remove("legalBasis");
        assertThat(ConsumerContracts.verify(with(base, base.reads(), List.of(), example)).problems())
                .singleElement().asString().contains("/payload/effects/0/legalBasis");
    }

    @Test
    void aFieldTheRequiredCheckDependsOnIsContextual() throws IOException {
        // In a SYNC example the verdict is required (SYNC implies a verdict), so a consumer that only reads SYNC
        // events may rely on it; the checker judges against the example's own context.
        ConsumerExpectation base = expectation("contracts/transactions.validated/feature-service.json");
        ObjectNode sync = base.example().deepCopy();
        assertThat(sync.at("/payload/path").asText()).isEqualTo("SYNC");
        ContractResult result = ConsumerContracts.verify(with(base, List.of("/payload/verdict/decision"), List.of(),
                sync));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void aPointerMissingFromTheExampleFails() throws IOException {
        ConsumerExpectation base = expectation("contracts/labels.feedback/retraining-service.json");
        ContractResult result = ConsumerContracts.verify(with(base, List.of("/payload/confidence"),
                List.of("/payload/note"), base.example()));
        assertThat(result.problems()).containsExactly(
                "reads /payload/confidence but the example does not contain it",
                "readsIfPresent /payload/note but the example does not contain it (show it in use)");
    }

    @Test
    void anExampleTheProducerWouldNeverWriteFails() throws IOException {
        ConsumerExpectation base = expectation("contracts/labels.feedback/retraining-service.json");
        ObjectNode example = base.example().deepCopy();
        ((ObjectNode) example.get("payload")).put("label", "MAYBE");
        ContractResult result = ConsumerContracts.verify(with(base, base.reads(), List.of(), example));
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("example breaks the producer's schema "
                + "labels.feedback.schema.json: /payload/label");
        assertThat(result.problems().get(1)).startsWith("example does not decode into LabelFeedback "
                + "(SCHEMA_VIOLATION)");
        assertThatThrownBy(result::assertSatisfied).isInstanceOf(AssertionError.class)
                .hasMessageContaining("retraining-service reads labels.feedback");
    }

    @Test
    void aFieldTheTypedRecordDropsFails() throws IOException {
        // transaction v1 is open to later fields, so the schema admits this one; but Transaction does not carry it.
        ConsumerExpectation base = expectation("contracts/transactions.raw/ingestion-service.json");
        ObjectNode example = base.example().deepCopy();
        ((ObjectNode) example.get("payload")).putObject("merchant").put("mcc", "5411");
        ContractResult result = ConsumerContracts.verify(with(base, base.reads(), List.of("/payload/merchant/mcc"),
                example));
        assertThat(result.problems()).containsExactly(
                "/payload/merchant/mcc does not survive decoding into Transaction (the record drops it)");
    }

    @Test
    void anUndeclaredConsumerOrTopicFails() throws IOException {
        ConsumerExpectation base = expectation("contracts/labels.feedback/retraining-service.json");
        ConsumerExpectation stranger = new ConsumerExpectation(base.source(), Services.FEATURE, base.topic(), null,
                base.reads(), List.of(), base.example());
        assertThat(ConsumerContracts.verify(stranger).problems()).singleElement().asString()
                .startsWith("feature-service is not a declared consumer of labels.feedback");
        ConsumerExpectation elsewhere = new ConsumerExpectation(base.source(), base.consumer(), "labels.other", null,
                base.reads(), List.of(), base.example());
        assertThat(ConsumerContracts.verify(elsewhere).problems())
                .containsExactly("topic labels.other is not declared in Topics");
        ConsumerExpectation misplaced = new ConsumerExpectation("contracts/alerts.fraud/x.json", base.consumer(),
                base.topic(), null, base.reads(), List.of(), base.example());
        assertThat(ConsumerContracts.verify(misplaced).problems())
                .containsExactly("file is in contracts/alerts.fraud/ but is about labels.feedback");
    }

    @Test
    void pointersBuiltInCodeAreCheckedToo() throws IOException {
        ConsumerExpectation base = expectation("contracts/labels.feedback/retraining-service.json");
        assertThat(ConsumerContracts.verify(with(base, List.of("", "payload/label"), List.of(), base.example()))
                .problems()).containsExactly("\"\" names the whole envelope; name the fields you read",
                        "\"payload/label\" is not a JSON Pointer (RFC 6901), for example /payload/transactionId");
    }

    @Test
    void malformedExpectationFilesAreRefusedWithTheReason() {
        String[][] cases = {
            {"not json", "is not JSON"},
            {"{\"consumer\":\"x\",\"topic\":\"labels.feedback\",\"reads\":[],\"example\":{}}", "non-empty array"},
            {"{\"consumer\":\"x\",\"topic\":\"labels.feedback\",\"reads\":[\"payload/x\"],\"example\":{}}",
                "not a JSON Pointer"},
            {"{\"consumer\":\"x\",\"topic\":\"labels.feedback\",\"read\":[\"/a\"],\"example\":{}}", "unknown member"},
            {"{\"consumer\":\"x\",\"topic\":\"labels.feedback\",\"reads\":[\"/a\"],\"example\":[]}", "envelope"},
            {"{\"topic\":\"labels.feedback\",\"reads\":[\"/a\"],\"example\":{}}", "\"consumer\""}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> ConsumerExpectation.parse("x.json", c[0].getBytes(StandardCharsets.UTF_8)))
                    .as(c[0]).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1]);
        }
    }

    @Test
    void aServiceWithoutExpectationsIsToldWhichTopicsItMustCover(@TempDir Path empty) throws IOException {
        Files.createDirectories(empty.resolve("contracts"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {empty.toUri().toURL()}, null)) {
            List<ContractResult> results = ConsumerContracts.verifyConsumer(loader, Services.GOVERNANCE);
            assertThat(results).extracting(ContractResult::topic).containsExactlyInAnyOrder("transactions.scored",
                    "alerts.fraud", "decisions.reviewed", "models.lifecycle", "gdpr.events");
            assertThat(results).noneMatch(ContractResult::satisfied);
        }
    }

    @Test
    void expectationsAreFoundInJarsToo(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("consumer-tests.jar");
        byte[] content;
        try (var in = LOADER.getResourceAsStream("contracts/labels.feedback/retraining-service.json")) {
            content = in.readAllBytes();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (String entry : new String[] {"contracts/", "contracts/labels.feedback/"}) {
                jarOut.putNextEntry(new JarEntry(entry));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("contracts/labels.feedback/retraining-service.json"));
            jarOut.write(content);
            jarOut.closeEntry();
            jarOut.putNextEntry(new JarEntry("contracts/README.txt"));
            jarOut.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ConsumerContracts.discover(loader))
                    .containsExactly("contracts/labels.feedback/retraining-service.json");
            assertThat(ConsumerContracts.verifyAll(loader)).singleElement().satisfies(ContractResult::assertSatisfied);
        }
    }

    @Test
    void examplesAreTheEnvelopesConsumersWouldReallyReceive() throws IOException {
        for (String resource : ConsumerContracts.discover(LOADER)) {
            JsonNode example = expectation(resource).example();
            assertThat(example.path("schemaVersion").asInt()).as(resource).isEqualTo(1);
            assertThat(MAPPER.writeValueAsString(example)).as(resource).doesNotContain("\"name\"");
        }
    }
}
