package io.openfraud.ingestion.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Masks a record as received, in place (see {@link MaskingService#maskRecord}). */
final class RecordMasker {

    static final String MASKED = "[masked]";
    static final String WITHHELD = "[personal data withheld]";
    /** A card-number-like run: 12 to 19 digits, spaces or dashes allowed between them. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[ -]?\\d){11,18}");
    private static final Set<String> DROPPED = Set.of("cvv", "cvc", "cvv2", "cvc2", "expiry");

    private RecordMasker() {
    }

    /** {@code text} with every card-number-like digit run blanked. */
    static String blankDigitRuns(String text) {
        return DIGIT_RUN.matcher(text).replaceAll(MASKED);
    }

    static void mask(ObjectNode record, CardTokenizer cards, Pseudonymizer pseudonyms) {
        JsonNode card = record.get("card");
        if (card instanceof ObjectNode cardNode) {
            JsonNode pan = cardNode.remove("pan");
            if (pan != null) {
                String digits = pan.isTextual() ? pan.asText().replaceAll("[ -]", "") : "";
                if (digits.matches("\\d{12,19}")) {
                    MaskedCard masked = cards.tokenize(digits);
                    cardNode.put("token", masked.token()).put("bin", masked.bin()).put("last4", masked.last4());
                } else {
                    cardNode.put("pan", MASKED);
                }
            }
        }
        pseudonymise(record.get("customer"), "id", pseudonyms::customer);
        if (record.get("customer") instanceof ObjectNode customer && customer.has("person")) {
            customer.put("person", WITHHELD);
        }
        pseudonymise(record.get("counterparty"), "id", pseudonyms::counterparty);
        if (record.get("counterparty") instanceof ObjectNode counterparty && counterparty.has("name")) {
            counterparty.put("name", MASKED); // a counterparty may be a person
        }
        pseudonymise(record.get("device"), "id", pseudonyms::device);
        pseudonymise(record.get("device"), "ip", pseudonyms::ip);
        // The transactionId is published in clear anyway; keep it unless it is itself shaped like a card number
        // (a UUID can hold a 12-digit run, which the scrub below would blank).
        JsonNode id = record.remove("transactionId");
        scrub(record);
        if (id != null) {
            boolean cardShaped = id.isTextual() && id.asText().replaceAll("[ -]", "").matches("\\d{12,19}");
            record.set("transactionId", id.isTextual() && !cardShaped ? id : TextNode.valueOf(MASKED));
        }
    }

    private static void pseudonymise(JsonNode parent, String field, java.util.function.UnaryOperator<String> hash) {
        if (parent instanceof ObjectNode node && node.get(field) != null) {
            JsonNode value = node.get(field);
            node.put(field, value.isTextual() && !value.asText().isBlank() ? hash.apply(value.asText()) : MASKED);
        }
    }

    /** Drops CVV-like members and blanks card-number-like digit runs anywhere else. */
    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
                    object.remove(name);
                } else {
                    object.set(name, scrubbed(object.get(name)));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrubbed(array.get(i)));
            }
        }
    }

    /** {@code value} itself (its children scrubbed), or its masked replacement. */
    private static JsonNode scrubbed(JsonNode value) {
        if (value.isTextual() && DIGIT_RUN.matcher(value.asText()).find()) {
            return TextNode.valueOf(DIGIT_RUN.matcher(value.asText()).replaceAll(MASKED));
        }
        if (value.isNumber() && value.asText().replaceAll("\\D", "").length() >= 12) {
            return TextNode.valueOf(MASKED);
        }
        scrub(value);
        return value;
    }
}
