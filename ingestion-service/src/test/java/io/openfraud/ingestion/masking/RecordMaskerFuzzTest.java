package io.openfraud.ingestion.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whatever JSON object it gets, the record masker throws nothing, leaves no Luhn-valid run of 13 to 19 digits
 * (separators allowed) in any string or number, no CVV-like member, and no person. In a normal build this runs the
 * seeds under {@code src/test/resources/.../RecordMaskerFuzzTestInputs/masksAnything/}.
 */
class RecordMaskerFuzzTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern RUN = Pattern.compile("\\d(?:[ -]?\\d){12,18}");

    @FuzzTest
    void masksAnything(FuzzedDataProvider data) {
        JsonNode input;
        try {
            input = JSON.readTree(data.consumeRemainingAsBytes());
        } catch (IOException notJson) {
            return;
        }
        if (!(input instanceof ObjectNode record)) {
            return;
        }
        RecordMasker.mask(record, new CardTokenizer(KEY), new Pseudonymizer(KEY));
        check(record);
        assertThat(record.at("/customer/person").isMissingNode() || record.at("/customer/person").isTextual())
                .isTrue();
        assertThat(record.at("/card/pan").isMissingNode()
                || record.at("/card/pan").asText().equals(RecordMasker.MASKED)).isTrue();
    }

    private static void check(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).isNotIn("cvv", "cvc", "cvv2", "cvc2", "expiry");
                check(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(RecordMaskerFuzzTest::check);
        } else if (node.isTextual() || node.isNumber()) {
            Matcher run = RUN.matcher(node.asText());
            while (run.find()) {
                assertThat(luhn(run.group().replaceAll("\\D", ""))).as("a card-number-like run survived").isFalse();
            }
        }
    }

    private static boolean luhn(String digits) {
        return CardTokenizer.luhnValid(digits);
    }
}
