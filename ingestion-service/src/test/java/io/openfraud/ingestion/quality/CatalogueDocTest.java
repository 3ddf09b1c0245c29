package io.openfraud.ingestion.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.ingestion.quality.rules.QualityRule;
import io.openfraud.ingestion.quality.rules.RuleCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/data-quality.md lists exactly the catalogue: ids, versions and default severities, in order. */
class CatalogueDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(DQ-[A-Z0-9-]+)` \\| (\\d+) \\| (REJECT|WARN) \\|",
            Pattern.MULTILINE);

    @Test
    void theDocumentedCatalogueIsTheCatalogue() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "data-quality.md"));
        Matcher rows = ROW.matcher(doc);
        List<String> documented = new java.util.ArrayList<>();
        while (rows.find()) {
            documented.add(rows.group(1) + ":" + rows.group(2) + ":" + rows.group(3));
        }
        assertThat(documented).containsExactlyElementsOf(RuleCatalogue.DEFAULTS.stream()
                .map(r -> r.id() + ":" + r.version() + ":" + r.severity()).toList());
        assertThat(RuleCatalogue.DEFAULTS).extracting(QualityRule::id).isNotEmpty();
    }
}
