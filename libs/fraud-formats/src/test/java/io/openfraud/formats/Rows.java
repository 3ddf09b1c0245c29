package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads whole (small, in-test) inputs, for assertions. */
public final class Rows {

    private Rows() {
    }

    public static List<ParsedRow> read(FileFormat format, String text) {
        return read(format, text, FormatOptions.defaults());
    }

    public static List<ParsedRow> read(FileFormat format, String text, FormatOptions options) {
        try (TransactionReader reader = format.open(new StringReader(text), options)) {
            return drain(reader);
        }
    }

    /** Reads bytes the way files are read: UTF-8, through {@link FileFormat#open(java.io.InputStream, FormatOptions)}. */
    public static List<ParsedRow> readBytes(FileFormat format, byte[] bytes) {
        try (TransactionReader reader = format.open(new ByteArrayInputStream(bytes), FormatOptions.defaults())) {
            return drain(reader);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static List<ParsedRow.Parsed> parsed(List<ParsedRow> rows) {
        return rows.stream().filter(ParsedRow.Parsed.class::isInstance).map(ParsedRow.Parsed.class::cast).toList();
    }

    public static List<ParsedRow.Malformed> malformed(List<ParsedRow> rows) {
        return rows.stream().filter(ParsedRow.Malformed.class::isInstance).map(ParsedRow.Malformed.class::cast)
                .toList();
    }

    /** The single row of {@code rows}, which must be a parsed one. */
    public static ParsedRow.Parsed onlyParsed(List<ParsedRow> rows) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Parsed.class);
        return (ParsedRow.Parsed) rows.get(0);
    }

    /** The reason of the single row of {@code rows}, which must be a malformed one. */
    public static String onlyReason(List<ParsedRow> rows) {
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Malformed.class);
        return ((ParsedRow.Malformed) rows.get(0)).reason();
    }

    /**
     * What every reader must do with any input: yield rows numbered 1, 2, 3... each of them parsed or malformed with
     * a non-blank reason. Used by the fuzz tests and the junk-input properties.
     */
    public static List<ParsedRow> readAnything(FileFormat format, byte[] bytes) {
        List<ParsedRow> rows = readBytes(format, bytes);
        for (int i = 0; i < rows.size(); i++) {
            ParsedRow row = rows.get(i);
            assertThat(row.rowNumber()).isEqualTo(i + 1L);
            if (row instanceof ParsedRow.Malformed malformed) {
                assertThat(malformed.reason()).isNotBlank();
            } else {
                assertThat(((ParsedRow.Parsed) row).transaction()).isNotNull();
            }
        }
        return rows;
    }

    private static List<ParsedRow> drain(TransactionReader reader) {
        List<ParsedRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        return rows;
    }
}
