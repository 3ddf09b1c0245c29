package io.openfraud.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.transaction.Transaction.GeoPoint;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskingPrimitivesTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @Test
    void tokensAndPseudonymsAreKeyedDeterministicAndDomainSeparated() {
        CardTokenizer cards = new CardTokenizer(KEY);
        Pseudonymizer pseudonyms = new Pseudonymizer(KEY);
        assertThat(cards.tokenize("4111 1111 1111 1111")).isEqualTo(cards.tokenize("4111111111111111"));
        assertThat(cards.tokenize("4111111111111111").token()).startsWith("tok_").hasSize(36);
        assertThat(cards.tokenize("4111111111111111").bin()).isEqualTo("41111111");
        assertThat(pseudonyms.customer("C1")).startsWith("cus_").hasSize(30).isEqualTo(pseudonyms.customer(" C1 "));
        assertThat(pseudonyms.customer("C1").substring(4)).isNotEqualTo(pseudonyms.counterparty("C1").substring(4));
        byte[] other = KEY.clone();
        other[0] = 8;
        assertThat(new Pseudonymizer(other).customer("C1")).isNotEqualTo(pseudonyms.customer("C1"));
        assertThatThrownBy(() -> new Pseudonymizer(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distancesAreGreatCircle() {
        double parisLondon = GeoDistance.kilometres(new GeoPoint(48.8566, 2.3522), new GeoPoint(51.5074, -0.1278));
        assertThat(parisLondon).isBetween(340.0, 345.0);
    }
}
