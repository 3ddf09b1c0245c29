package io.openfraud.ingestion.intake.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * COPY's text format (what {@link TransactionWriter#copyNew} sends): a value holding the format's separators or its
 * escape character is escaped, and null is {@code \N}, so no value can split a row or shift its columns. End to end
 * (values read back from PostgreSQL) in ImportTest.
 */
class CopyTextTest {

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        TransactionWriter.appendCopyValue(out, value);
        return out.toString();
    }

    @Test
    void separatorsAndBackslashesAreEscapedAndNullIsBackslashN() {
        assertThat(escaped(null)).isEqualTo("\\N");
        assertThat(escaped("\\N")).isEqualTo("\\\\N");
        assertThat(escaped("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(escaped("{\"city\": \"Zürich\"}")).isEqualTo("{\"city\": \"Zürich\"}");
        assertThat(escaped("\\.")).isEqualTo("\\\\.");
    }

    @Test
    void anEscapedValueHoldsNoRawSeparator() {
        String nasty = "x\t\n\r\\\u0000y";
        assertThat(escaped(nasty)).doesNotContain("\t", "\n", "\r");
    }
}
