package io.openfraud.governance.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The field catalogue ({@code governance/catalog.json}, {@code GET /api/v1/catalog}) is the one statement of how long
 * each store keeps its data: the topics' declared retention ({@code libs/fraud-events Topics}, which the topic
 * provisioner and the Helm topics Job apply to the broker) and the other services' purge settings (their production
 * {@code application.properties}, read from the repository) must say the same. A change to one without the other
 * fails here.
 */
class CatalogueRetentionTest {

    /** Module directories are siblings: surefire runs in {@code governance-service/}. */
    private static final Path REPOSITORY = Path.of("..");

    /** Store to the retention of its fields; a store whose fields disagree (e.g. "until erasure" texts) maps to all. */
    static Map<String, java.util.Set<String>> retentionsByStore;
    static Map<String, String> retentionByStore;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCatalogue() throws IOException {
        try (InputStream in = CatalogueRetentionTest.class.getResourceAsStream("/governance/catalog.json")) {
            Map<String, Object> catalog = new ObjectMapper().readValue(in, Map.class);
            retentionsByStore = new TreeMap<>();
            for (Map<String, Object> field : (List<Map<String, Object>>) catalog.get("fields")) {
                retentionsByStore.computeIfAbsent((String) field.get("store"), s -> new java.util.TreeSet<>())
                        .add((String) field.get("retention"));
            }
            // A purge deletes whole rows: every field of a store it purges has one retention.
            retentionByStore = new TreeMap<>();
            retentionsByStore.forEach((store, retentions) -> {
                if (retentions.size() == 1) {
                    retentionByStore.put(store, retentions.iterator().next());
                }
            });
        }
    }

    @Test
    void everyTopicAndDeadLetterTopicThatMayHoldPersonalDataHasItsDeclaredRetentionInTheCatalogue() {
        for (String name : Topics.allTopicNames()) {
            Topic<?> declared = Topics.declaring(name).orElseThrow();
            if ("none".equals(declared.personalData())) {
                continue;
            }
            String catalogued = retentionByStore.get("kafka:" + name);
            assertThat(catalogued).as("catalogue entry kafka:%s", name).isNotNull();
            assertThat(days(catalogued)).as("kafka:%s in the catalogue vs retention.ms declared in Topics", name)
                    .isEqualTo(declared.retention());
        }
    }

    @Test
    void everyCataloguedTopicIsADeclaredOne() {
        retentionByStore.keySet().stream().filter(s -> s.startsWith("kafka:")).forEach(store -> assertThat(
                Topics.allTopicNames()).as("%s is not a platform topic", store).contains(store.substring(6)));
    }

    @Test
    void ingestionPurgesAfterTheCatalogueRetention() throws IOException {
        Properties ingestion = properties("ingestion-service");
        Period years = Period.ofYears(Integer.parseInt(prod(ingestion, "openfraud.retention.years")));
        for (String store : List.of("postgresql:ingestion.transactions",
                "postgresql:ingestion.outbox")) {
            assertThat(Period.parse(retentionByStore.get(store))).as("%s vs openfraud.retention.years", store)
                    .isEqualTo(years);
        }
        Duration quarantine = Duration.parse(prod(ingestion, "openfraud.retention.quarantine-period"));
        for (String store : List.of("postgresql:ingestion.quarantine", "postgresql:ingestion.quality_examples")) {
            assertThat(days(retentionByStore.get(store))).as("%s vs openfraud.retention.quarantine-period", store)
                    .isEqualTo(quarantine);
        }
    }

    @Test
    void scoringPurgesAlertCasesAfterTheCatalogueRetention() throws IOException {
        Duration configured = Duration.parse(prod(properties("scoring-service"), "openfraud.scoring.alerts.retention"));
        assertThat(days(retentionByStore.get("postgresql:scoring.alert_cases")))
                .as("postgresql:scoring.alert_cases vs openfraud.scoring.alerts.retention").isEqualTo(configured);
    }

    @Test
    void retrainingPurgesAfterTheCatalogueRetention() throws IOException {
        Properties retraining = properties("retraining-service");
        Map<String, String> settingByStore = Map.of(
                "postgresql:retraining.labels", "openfraud.retention.labels",
                "postgresql:retraining.scored_outcomes", "openfraud.retention.verdicts",
                "postgresql:retraining.subject_training_exclusions", "openfraud.retention.exclusions");
        // training_runs hold aggregate reports only (no subject data), so they are not catalogued
        settingByStore.forEach((store, setting) -> assertThat(Period.parse(retentionByStore.get(store)))
                .as("%s vs %s", store, setting).isEqualTo(Period.parse(prod(retraining, setting))));
        // the deletion date retraining names in its RETAINED answers on gdpr.events
        assertThat(Period.ofYears(Integer.parseInt(prod(retraining, "openfraud.subject.retention-years"))))
                .isEqualTo(Period.parse(retentionByStore.get("postgresql:retraining.labels")));
    }

    @Test
    void governancePurgesItsOwnCopiesFromTheCatalogue() {
        // RetentionPurge reads these two entries and refuses to start without a period for either.
        assertThat(Period.parse(retentionByStore.get("mongodb:governance.identity_outbox"))).isEqualTo(Period.ofDays(1));
        assertThat(Period.parse(retentionByStore.get("mongodb:governance.dsr_exports"))).isEqualTo(Period.ofDays(30));
    }

    /** A catalogue period of whole days, as a duration. */
    private static Duration days(String period) {
        assertThat(period).as("a retention").isNotNull();
        Period parsed = Period.parse(period);
        assertThat(parsed.getYears() == 0 && parsed.getMonths() == 0).as("%s: a period in days", period).isTrue();
        return Duration.ofDays(parsed.getDays());
    }

    private static Properties properties(String module) throws IOException {
        Path file = REPOSITORY.resolve(module).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The production value of {@code key}: its {@code %prod.} override, else the unprofiled value. */
    private static String prod(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty("%prod." + key)).or(() -> Optional.ofNullable(
                properties.getProperty(key))).orElseThrow(() -> new AssertionError(key + " is not set in "
                + "application.properties: set its production value explicitly, as the catalogue states it"));
    }
}
