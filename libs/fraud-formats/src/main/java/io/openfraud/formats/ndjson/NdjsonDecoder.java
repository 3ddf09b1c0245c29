package io.openfraud.formats.ndjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.formats.Amounts;
import io.openfraud.formats.MalformedRowException;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.RowDecoder;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Maps NDJSON lines: each non-blank line is one JSON object in the platform's JSON dialect ({@link EventJson}) with
 * the fields of {@link Transaction}; unknown fields are ignored. Two optional top-level fields carry the label and are
 * removed before mapping, so they never become part of the transaction: {@code "label": "FRAUD" | "LEGIT"} and
 * {@code "isFraud": 1 | 0 | true | false}. If both are present they must agree. {@code null} means no label.
 *
 * <p>A parsed row has at least {@code transactionId}, {@code timestamp}, {@code type}, {@code amount},
 * {@code currency} and {@code customer.id}, like the rows of the CSV formats; the rest of the transaction contract
 * (a positive amount, a known currency...) is ingestion's to check.
 */
public final class NdjsonDecoder implements RowDecoder {

    /** Field names a reason may show: the transaction's own, never names taken from the line. */
    private static final Set<String> SCHEMA_FIELDS = Set.copyOf(fieldNames(Transaction.class));

    // Trailing tokens would otherwise be ignored: {"transactionId":"t1",...} garbage must not pass as a transaction.
    // Trees would otherwise strip trailing zeros, turning an amount of 100.00 into 1E+2.
    private final ObjectMapper mapper = EventJson.newMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Override
    public ParsedRow.Parsed decode(long rowNumber, String line) {
        JsonNode tree;
        try {
            tree = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token.
            throw new MalformedRowException("line: not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedRowException("line: not a JSON object");
        }
        ObjectNode object = (ObjectNode) tree;
        Optional<LabelValue> label = label(object.remove("label"), object.remove("isFraud"));
        Transaction transaction;
        try {
            transaction = mapper.treeToValue(object, Transaction.class);
        } catch (JsonMappingException e) {
            throw new MalformedRowException(path(e) + ": wrong type or format");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedRowException("line: does not map to a transaction");
        }
        checkRequired(transaction);
        checkAmounts(transaction);
        return new ParsedRow.Parsed(rowNumber, transaction, label);
    }

    private static Optional<LabelValue> label(JsonNode label, JsonNode isFraud) {
        Optional<LabelValue> fromLabel = fromLabel(label);
        Optional<LabelValue> fromIsFraud = fromIsFraud(isFraud);
        if (fromLabel.isPresent() && fromIsFraud.isPresent() && fromLabel.get() != fromIsFraud.get()) {
            throw new MalformedRowException("label: contradicts isFraud");
        }
        return fromLabel.or(() -> fromIsFraud);
    }

    private static Optional<LabelValue> fromLabel(JsonNode label) {
        if (label == null || label.isNull()) {
            return Optional.empty();
        }
        if (label.isTextual()) {
            switch (label.textValue().toUpperCase(Locale.ROOT)) {
                case "FRAUD":
                    return Optional.of(LabelValue.FRAUD);
                case "LEGIT":
                    return Optional.of(LabelValue.LEGIT);
                default:
                    break;
            }
        }
        throw new MalformedRowException("label: not FRAUD or LEGIT");
    }

    private static Optional<LabelValue> fromIsFraud(JsonNode isFraud) {
        if (isFraud == null || isFraud.isNull()) {
            return Optional.empty();
        }
        if (isFraud.isBoolean()) {
            return Optional.of(isFraud.booleanValue() ? LabelValue.FRAUD : LabelValue.LEGIT);
        }
        if (isFraud.isIntegralNumber() && isFraud.canConvertToInt()) {
            switch (isFraud.intValue()) {
                case 1:
                    return Optional.of(LabelValue.FRAUD);
                case 0:
                    return Optional.of(LabelValue.LEGIT);
                default:
                    break;
            }
        }
        throw new MalformedRowException("isFraud: not 0 or 1");
    }

    private static void checkRequired(Transaction transaction) {
        require(transaction.transactionId(), "transactionId");
        require(transaction.timestamp(), "timestamp");
        require(transaction.type(), "type");
        require(transaction.amount(), "amount");
        require(transaction.currency(), "currency");
        require(transaction.customer(), "customer");
        require(transaction.customer().id(), "customer.id");
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new MalformedRowException(field + ": missing");
        }
    }

    private static void checkAmounts(Transaction transaction) {
        Amounts.check(transaction.amount(), "amount");
        if (transaction.counterparty() != null) {
            checkOptional(transaction.counterparty().balanceBefore(), "counterparty.balanceBefore");
            checkOptional(transaction.counterparty().balanceAfter(), "counterparty.balanceAfter");
        }
        if (transaction.account() != null) {
            checkOptional(transaction.account().balanceBefore(), "account.balanceBefore");
            checkOptional(transaction.account().balanceAfter(), "account.balanceAfter");
        }
    }

    private static void checkOptional(BigDecimal value, String field) {
        if (value != null) {
            Amounts.check(value, field);
        }
    }

    /** The JSON path of a mapping error, showing only the schema's field names. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            String name = reference.getFieldName();
            if (name == null) {
                path.append('[').append(reference.getIndex()).append(']');
                continue;
            }
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(SCHEMA_FIELDS.contains(name) ? name : "?");
        }
        return path.isEmpty() ? "line" : path.toString();
    }

    private static Set<String> fieldNames(Class<?> record) {
        Set<String> names = new HashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(component.getName());
            if (component.getType().isRecord()) {
                names.addAll(fieldNames(component.getType()));
            }
        }
        return names;
    }
}
