package io.openfraud.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InfraMainTest {

    @Test
    void parsesOptions() {
        InfraMain.Options o = InfraMain.Options.parse(new String[] {"postgres", "--port", "5432", "--data-dir", "x",
            "--database", "ingestion,retraining", "--database", "governance", "--watch-stdin"});

        assertThat(o.store).isEqualTo("postgres");
        assertThat(o.port).isEqualTo(5432);
        assertThat(o.dataDir).isEqualTo(Path.of("x"));
        assertThat(o.databases).containsExactly("ingestion", "retraining", "governance");
        assertThat(o.watchStdin).isTrue();
    }

    @Test
    void rejectsUnknownStoresAndOptions() {
        assertThatThrownBy(() -> InfraMain.Options.parse(new String[] {"mysql"}))
                .hasMessageContaining("unknown store");
        assertThatThrownBy(() -> InfraMain.Options.parse(new String[] {"redis", "--prot", "1"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> InfraMain.Options.parse(new String[] {"redis", "--port"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> InfraMain.Options.parse(new String[0])).hasMessageContaining("no store");
    }

    @Test
    void printsAReadyLineWithTheConnectionInfo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InfraMain.Options options = InfraMain.Options.parse(new String[] {"mongo"});

        try (InfraNode node = InfraMain.start(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .startsWith("READY mongo connection.string=mongodb://127.0.0.1:" + node.port() + " host=127.0.0.1")
                    .contains("startup.ms=");
        }
    }
}
