package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the lines, a reader yields one row per data row, parsed or malformed, and throws nothing; a valid row keeps
 * parsing whatever surrounds it; and no reason ever repeats what a row holds.
 */
class JunkInputPropertiesTest {

    @Property
    void readersNeverThrowAndNeverDropARow(@ForAll FileFormat format, @ForAll boolean validHeader,
                                           @ForAll("lines") List<String> lines, @ForAll("endings") List<String> endings) {
        List<String> all = new ArrayList<>();
        if (validHeader && format != FileFormat.NDJSON) {
            all.add(Samples.header(format));
        }
        all.addAll(lines);

        List<ParsedRow> rows = Rows.readAnything(format, Rows.utf8(join(all, endings)));

        List<String> dataRows = all.stream().filter(line -> !line.isBlank()).toList();
        if (format != FileFormat.NDJSON && !dataRows.isEmpty()) {
            dataRows = dataRows.subList(1, dataRows.size());
        }
        assertThat(rows).hasSize(dataRows.size());
        if (validHeader || format == FileFormat.NDJSON) {
            for (int i = 0; i < dataRows.size(); i++) {
                if (dataRows.get(i).equals(Samples.row(format))) {
                    assertThat(rows.get(i)).isInstanceOf(ParsedRow.Parsed.class);
                }
            }
        }
    }

    @Property
    void reasonsNeverRepeatRowContent(@ForAll FileFormat format, @ForAll("secrets") String secret,
                                      @ForAll("lines") List<String> lines, @ForAll("positions") List<Integer> at) {
        List<String> all = new ArrayList<>();
        if (format != FileFormat.NDJSON) {
            all.add(Samples.header(format));
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int position = Math.min(at.get(i % at.size()), line.length());
            all.add(line.substring(0, position) + secret + line.substring(position));
        }

        List<ParsedRow> rows = Rows.read(format, String.join("\n", all));

        assertThat(Rows.malformed(rows)).allSatisfy(row -> assertThat(row.reason()).doesNotContain(secret));
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().all().excludeChars('\r', '\n', '\uFEFF').ofMaxLength(60),
                        Arbitraries.strings().withChars(",\"{}[]:0123456789.-eE \tCMxyz_").ofMaxLength(60),
                        Arbitraries.of(FileFormat.values()).map(Samples::row),
                        Arbitraries.of(FileFormat.values()).map(Samples::row).map(JunkInputPropertiesTest::damage),
                        Arbitraries.just(""))
                .list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<String>> endings() {
        return Arbitraries.of("\n", "\r\n", "\r").list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().numeric().ofMinLength(8).ofMaxLength(19);
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, 300).list().ofMinSize(1).ofMaxSize(5);
    }

    /** A valid row with a cut in it, which is how real files usually break. */
    private static String damage(String row) {
        return row.substring(0, row.length() / 3) + row.substring(row.length() / 2);
    }

    private static String join(List<String> lines, List<String> endings) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append(endings.get(i % endings.size()));
        }
        return text.toString();
    }
}
