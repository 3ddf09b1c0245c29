package io.openfraud.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.features.FeatureSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's feature table names every feature of the set, in order, with its default. */
class FeatureDocTest {

    @Test
    void theReadmeDocumentsEveryFeatureInVectorOrder() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.matches("\\| \\d+ \\| `[a-z0-9_]+` \\|.*")).toList();
        List<FeatureSet.Feature> features = FeatureSet.features();
        assertThat(rows).hasSameSizeAs(features);
        for (int i = 0; i < features.size(); i++) {
            FeatureSet.Feature f = features.get(i);
            assertThat(rows.get(i)).startsWith("| " + i + " | `" + f.name() + "` | "
                    + f.type().name().toLowerCase(java.util.Locale.ROOT) + " | " + (long) f.defaultValue() + " |");
        }
    }
}
