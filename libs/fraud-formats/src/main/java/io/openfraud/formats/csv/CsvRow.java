package io.openfraud.formats.csv;

import io.openfraud.events.label.LabelValue;
import io.openfraud.formats.Amounts;
import io.openfraud.formats.MalformedRowException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The fields of one data line. Values are trimmed; an empty value is "missing". Every getter reports a problem as a
 * {@link MalformedRowException} naming the column, never the value.
 */
public final class CsvRow {

    private final List<String> fields;

    CsvRow(List<String> fields) {
        this.fields = fields;
    }

    /**
     * A value that must be present.
     *
     * @throws MalformedRowException {@code "<column>: empty"}
     */
    public String text(Column column) {
        String value = value(column);
        if (value.isEmpty()) {
            throw new MalformedRowException(column.name() + ": empty");
        }
        return value;
    }

    /** A value that may be empty or whose column may be absent: {@code null} then. */
    public String textOrNull(Optional<Column> column) {
        if (column.isEmpty()) {
            return null;
        }
        String value = value(column.get());
        return value.isEmpty() ? null : value;
    }

    /**
     * A decimal number that must be present.
     *
     * @throws MalformedRowException {@code "<column>: empty"}, {@code "<column>: not a number"} or
     *                               {@code "<column>: too many digits"}
     */
    public BigDecimal decimal(Column column) {
        return Amounts.parse(text(column), column.name());
    }

    /**
     * A decimal number that may be empty.
     *
     * @return the number, or {@code null} when the value is empty (the canonical balances are nullable)
     * @throws MalformedRowException {@code "<column>: not a number"} or {@code "<column>: too many digits"}
     */
    public BigDecimal decimalOrNull(Column column) {
        String value = value(column);
        return value.isEmpty() ? null : Amounts.parse(value, column.name());
    }

    /**
     * A {@code 1}/{@code 0} label column: {@code 1} is fraud, {@code 0} legitimate, an empty value or an absent
     * column is no label.
     *
     * @throws MalformedRowException {@code "<column>: not 0 or 1"}
     */
    public Optional<LabelValue> label(Optional<Column> column) {
        if (column.isEmpty()) {
            return Optional.empty();
        }
        return switch (value(column.get())) {
            case "" -> Optional.empty();
            case "1" -> Optional.of(LabelValue.FRAUD);
            case "0" -> Optional.of(LabelValue.LEGIT);
            default -> throw new MalformedRowException(column.get().name() + ": not 0 or 1");
        };
    }

    private String value(Column column) {
        return fields.get(column.index()).strip();
    }
}
