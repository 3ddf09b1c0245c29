package io.openfraud.ingestion.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.MaskedTransaction.MaskedCard;
import io.openfraud.events.transaction.MaskedTransaction.MaskedParty;
import io.openfraud.events.transaction.TransactionType;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import java.security.SecureRandom;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEY = key();
    private static final CardTokenizer TOKENIZER = new CardTokenizer(KEY);
    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(KEY);
    private static final ObjectMapper MAPPER = EventJson.newMapper();

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Provide
    Arbitrary<String> pans() {
        return Arbitraries.strings().numeric().ofMinLength(12).ofMaxLength(19)
                .filter(s -> !s.chars().allMatch(c -> c == s.charAt(0)));
    }

    @Property
    void aTokenKeepsOnlyBinAndLastFourAndNeverThePan(@ForAll("pans") String pan) {
        MaskedCard card = TOKENIZER.tokenize(pan);

        assertThat(card.token()).startsWith("tok_").doesNotContain(pan);
        assertThat(pan).startsWith(card.bin()).endsWith(card.last4());
        assertThat(card.bin()).hasSize(pan.length() >= 16 ? 8 : 6);
        assertThat(TOKENIZER.tokenize(pan)).as("deterministic").isEqualTo(card);
        assertThat(new CardTokenizer(key()).tokenize(pan).token()).as("keyed").isNotEqualTo(card.token());
    }

    @Property
    void aMaskedTransactionWithTokensAndPseudonymsHonoursTheSchema(@ForAll("pans") String pan,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String customerId) throws Exception {
        MaskedTransaction masked = new MaskedTransaction("t-1", Instant.parse("2025-01-01T00:00:00Z"),
                TransactionType.CARD, 1234, "EUR", new MaskedParty(PSEUDONYMS.customer(customerId)),
                new MaskedParty(PSEUDONYMS.counterparty("merchant-1")), TOKENIZER.tokenize(pan));

        assertThat(SchemaValidator.shared().validate("masked-transaction-v1.schema.json",
                MAPPER.valueToTree(masked))).isEmpty();
    }

    @Test
    void separatorsAreIgnoredAndBadInputIsRefusedWithoutEchoingIt() {
        assertThat(TOKENIZER.tokenize("4111 1111-1111 1111")).isEqualTo(TOKENIZER.tokenize("4111111111111111"));
        assertThatThrownBy(() -> TOKENIZER.tokenize("4111x11111111111"))
                .hasMessage("card.pan must be 12 to 19 digits");
        assertThatThrownBy(() -> new CardTokenizer(new byte[16])).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void pseudonymsAreStableAndDomainSeparated() {
        assertThat(PSEUDONYMS.customer("C123")).isEqualTo(PSEUDONYMS.customer(" C123 "))
                .isNotEqualTo(PSEUDONYMS.counterparty("C123"))
                .startsWith("cus_").hasSize(30).doesNotContain("C123");
        assertThatThrownBy(() -> PSEUDONYMS.customer(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void luhn() {
        assertThat(CardTokenizer.luhnValid("4111111111111111")).isTrue();
        assertThat(CardTokenizer.luhnValid("79927398713")).isTrue();
        assertThat(CardTokenizer.luhnValid("4111111111111112")).isFalse();
        assertThat(CardTokenizer.luhnValid("41a1")).isFalse();
    }
}
