package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FileFormatTest {

    @Test
    void parsesCommandLineNames() {
        assertThat(FileFormat.parse("paysim")).isEqualTo(FileFormat.PAYSIM);
        assertThat(FileFormat.parse(" Sparkov ")).isEqualTo(FileFormat.SPARKOV);
        assertThat(FileFormat.parse("NDJSON")).isEqualTo(FileFormat.NDJSON);
        for (FileFormat format : FileFormat.values()) {
            assertThat(FileFormat.parse(format.id())).isEqualTo(format);
        }
    }

    @Test
    void rejectsOtherNamesWithoutEchoingThem() {
        assertThatThrownBy(() -> FileFormat.parse("4000123412341234,csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown file format; expected one of paysim, sparkov, ndjson");
    }
}
