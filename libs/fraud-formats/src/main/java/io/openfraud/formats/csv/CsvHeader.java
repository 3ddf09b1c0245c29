package io.openfraud.formats.csv;

import io.openfraud.formats.MalformedRowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The header of a CSV file: where each column is. Names match ignoring case and surrounding blanks, so column order,
 * extra columns and unnamed columns (Sparkov's row index) do not matter.
 */
public final class CsvHeader {

    // Each line is parsed on its own, not the file as one CSV stream: an unterminated quote then spoils one row
    // instead of swallowing the rest of the file, and every line is exactly one row. The price is that a quoted field
    // cannot span lines, which neither PaySim nor Sparkov ever does.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private static final int DUPLICATE = -1;

    private final Map<String, Integer> positions;
    private final int size;

    private CsvHeader(Map<String, Integer> positions, int size) {
        this.positions = positions;
        this.size = size;
    }

    /**
     * Reads a header line.
     *
     * @throws MalformedRowException {@code "header: invalid CSV quoting"}
     */
    public static CsvHeader parse(String line) {
        List<String> names = split(line, "header");
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            positions.merge(key(names.get(i)), i, (first, again) -> DUPLICATE);
        }
        return new CsvHeader(positions, names.size());
    }

    /**
     * The column named {@code name}.
     *
     * @throws MalformedRowException {@code "header: missing column <name>"} or
     *                               {@code "header: duplicate column <name>"}
     */
    public Column require(String name) {
        return find(name).orElseThrow(() -> new MalformedRowException("header: missing column " + name));
    }

    /**
     * The column named {@code name}, if the file has it.
     *
     * @throws MalformedRowException {@code "header: duplicate column <name>"}
     */
    public Optional<Column> find(String name) {
        Integer index = positions.get(key(name));
        if (index == null) {
            return Optional.empty();
        }
        if (index == DUPLICATE) {
            throw new MalformedRowException("header: duplicate column " + name);
        }
        return Optional.of(new Column(name, index));
    }

    /**
     * Splits a data line into its fields.
     *
     * @throws MalformedRowException {@code "row: invalid CSV quoting"}, or {@code "row: 12 fields, header has 11"}
     *                               when the line does not have one field per header column (a stray comma would
     *                               otherwise shift every value into the wrong column)
     */
    public CsvRow row(String line) {
        List<String> fields = split(line, "row");
        if (fields.size() != size) {
            throw new MalformedRowException("row: " + fields.size() + " fields, header has " + size);
        }
        return new CsvRow(fields);
    }

    private static List<String> split(String line, String what) {
        if (line.indexOf('"') < 0) {
            return splitUnquoted(line);
        }
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            // The line has no line break, so it is exactly one record.
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new MalformedRowException(what + ": not one CSV record");
            }
            return records.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports bad quoting this way; its message may quote the line, so it is dropped.
            throw new MalformedRowException(what + ": invalid CSV quoting");
        }
    }

    /**
     * Without quotes, an RFC 4180 line is its text between commas. Worth the shortcut: setting up a commons-csv parser
     * per line costs more than the rest of the mapping, and PaySim files (up to 21 million CiferAI rows) never quote.
     */
    private static List<String> splitUnquoted(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
            fields.add(line.substring(start, comma));
            start = comma + 1;
        }
        fields.add(line.substring(start));
        return fields;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
