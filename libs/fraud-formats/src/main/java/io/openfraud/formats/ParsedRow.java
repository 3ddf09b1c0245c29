package io.openfraud.formats;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import java.util.Objects;
import java.util.Optional;

/**
 * One data row of a file: either a transaction (with its label, when the file has one) or the reason it could not be
 * read.
 */
public sealed interface ParsedRow permits ParsedRow.Parsed, ParsedRow.Malformed {

    /** 1-based number of the row among the file's data rows: the header and blank lines are not counted. */
    long rowNumber();

    /**
     * A row that maps to a canonical transaction.
     *
     * @param rowNumber   1-based data-row number
     * @param transaction the canonical transaction
     * @param label       the file's ground truth for it, empty when the file has no label for this row
     */
    record Parsed(long rowNumber, Transaction transaction, Optional<LabelValue> label) implements ParsedRow {

        public Parsed {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(label, "label");
        }

        /** Shows no transaction content: a customer id can be a card number (Sparkov) and would end up in logs. */
        @Override
        public String toString() {
            return "Parsed[rowNumber=" + rowNumber + ", transactionId=" + transaction.transactionId()
                    + ", label=" + label.map(Enum::name).orElse("none") + "]";
        }
    }

    /**
     * A row that could not be read.
     *
     * @param rowNumber 1-based data-row number
     * @param reason    the column and the kind of problem ({@code "amt: not a number"}); never any of the row's
     *                  content, since rows hold card numbers, names and addresses
     */
    record Malformed(long rowNumber, String reason) implements ParsedRow {

        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
