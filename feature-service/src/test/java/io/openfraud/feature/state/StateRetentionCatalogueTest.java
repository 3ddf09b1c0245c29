package io.openfraud.feature.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/**
 * The feature state expires (Redis TTL) after the retention governance's field catalogue gives {@code redis:features}
 * ({@code GET /api/v1/catalog}): the catalogue is the platform's statement of how long each store keeps data, so the
 * two must not drift apart. Read from the repository (surefire runs in {@code feature-service/}).
 */
class StateRetentionCatalogueTest {

    @Test
    void redisTtlIsTheCatalogueRetentionOfTheFeatureState() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(
                Path.of("..", "governance-service", "src", "main", "resources", "governance", "catalog.json").toFile());
        String retention = null;
        for (JsonNode field : catalog.path("fields")) {
            if (field.path("store").asText().equals("redis:features")) {
                retention = field.path("retention").asText();
            }
        }
        assertThat(retention).as("catalogue entry redis:features").isNotNull();
        Period period = Period.parse(retention);
        assertThat(period.getYears() == 0 && period.getMonths() == 0).as("%s in days", retention).isTrue();

        assertThat(RedisStateStore.TTL).as("RedisStateStore.TTL vs the catalogue's redis:features")
                .isEqualTo(Duration.ofDays(period.getDays()));
    }
}
