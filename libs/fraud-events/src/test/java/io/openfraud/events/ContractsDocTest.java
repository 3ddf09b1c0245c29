package io.openfraud.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code docs/contracts.md} documents exactly the topics declared in {@link Topics}. */
class ContractsDocTest {

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern RETENTION = Pattern.compile("(\\d+)\\s*([hd])");
    private static final String NONE = "—";

    private static String doc;

    /** The repository's docs/contracts.md; surefire runs in the module folder and sets {@code basedir} to it. */
    static Path contractsDoc() {
        String basedir = System.getProperty("basedir");
        Path module = basedir == null || basedir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(basedir);
        return module.resolve("../../docs/contracts.md").normalize();
    }

    @BeforeAll
    static void read() throws IOException {
        Path path = contractsDoc();
        assertThat(path).as("docs/contracts.md next to libs/").isRegularFile();
        doc = Files.readString(path);
    }

    /** The rows of the first table whose header row starts with {@code | firstHeader |}, cells cleaned. */
    static List<List<String>> table(String text, String firstHeader) {
        List<String> lines = text.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| " + firstHeader + " |")) {
                header = i;
                break;
            }
        }
        assertThat(header).as("a table headed '%s'", firstHeader).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).trim();
            rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(ContractsDocTest::clean).toList());
        }
        return rows;
    }

    static String clean(String cell) {
        return LINK.matcher(cell).replaceAll("$1").replace("`", "").replace("**", "").trim();
    }

    static Duration retention(String cell) {
        Matcher m = RETENTION.matcher(cell);
        assertThat(m.matches()).as("retention '%s' is <n>h or <n>d", cell).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
    }

    static List<String> services(String cell) {
        return cell.equals(NONE) ? List.of() : Arrays.stream(cell.split(",")).map(String::trim).toList();
    }

    @Test
    void theTopicTableIsTopicsAll() {
        List<List<String>> rows = table(doc, "Topic");
        assertThat(rows).extracting(row -> row.get(0))
                .containsExactlyElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            Topic<?> topic = Topics.ALL.get(i);
            assertThat(row).as(topic.name()).hasSize(8);
            String[] value = row.get(2).split("·");
            assertThat(row.get(1)).as("%s key", topic).isEqualTo(topic.key());
            assertThat(value[0].trim()).as("%s payload", topic).isEqualTo(topic.payloadType().getSimpleName());
            assertThat(value[1].trim()).as("%s schema", topic).isEqualTo(topic.schemaFile());
            assertThat(services(row.get(3))).as("%s producers", topic).isEqualTo(topic.producers());
            assertThat(services(row.get(4))).as("%s consumers", topic).isEqualTo(topic.consumers());
            assertThat(Integer.parseInt(row.get(5))).as("%s partitions", topic).isEqualTo(topic.partitions());
            assertThat(retention(row.get(6))).as("%s retention", topic).isEqualTo(topic.retention());
            assertThat(row.get(7)).as("%s personal data", topic).isEqualTo(topic.personalData());
        }
    }

    @Test
    void theDeadLetterTableIsOnePerConsumedTopic() {
        List<List<String>> rows = table(doc, "Dead-letter topic");
        assertThat(rows).extracting(row -> row.get(0)).containsExactlyElementsOf(Topics.deadLetterTopics());
        for (List<String> row : rows) {
            Topic<?> source = Topics.byName(row.get(1)).orElseThrow();
            assertThat(source.dlqName()).isEqualTo(row.get(0));
            assertThat(retention(row.get(3))).as("%s keeps its topic's retention", row.get(0))
                    .isEqualTo(source.retention());
        }
    }

    @Test
    void deadLetterHeadersAndReasonCodesAreDocumented() {
        List<String> headers = table(doc, "Header").stream().map(row -> row.get(0)).toList();
        assertThat(headers).containsExactly(DeadLetters.REASON, DeadLetters.CAUSE, DeadLetters.EXCEPTION_CLASS,
                DeadLetters.CAUSE_CLASS, DeadLetters.TOPIC, DeadLetters.PARTITION, DeadLetters.OFFSET,
                DeadLetters.REASON_CODE);
        List<String> codes = table(doc, "Reason code").stream().map(row -> row.get(0)).toList();
        assertThat(codes).containsExactlyInAnyOrder(Arrays.stream(DeadLetters.ReasonCode.values()).map(Enum::name)
                .toArray(String[]::new));
    }

    @Test
    void theSubjectDataInterfaceIsDocumented() {
        String path = "/internal/v1/subjects/{pseudonym}";
        assertThat(io.openfraud.events.subject.SubjectDataApi.PATH).isEqualTo(path);
        assertThat(doc).contains("`GET` | `" + path + "`", "`DELETE` | `" + path + "`",
                "role **`" + io.openfraud.events.subject.SubjectDataApi.ROLE + "`**");
    }

    @Test
    void everySchemaFileTheDocLinksExists() {
        Matcher links = Pattern.compile("\\]\\((\\.\\./libs/fraud-events/src/main/resources/schemas/[^)]+)\\)")
                .matcher(doc);
        int count = 0;
        while (links.find()) {
            assertThat(contractsDoc().getParent().resolve(links.group(1)).normalize()).isRegularFile();
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(Topics.ALL.size());
    }
}
