package io.openfraud.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.Transaction.Channel;
import io.openfraud.events.transaction.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TransactionMaskerTest {

    private static final byte[] PAN_KEY = new byte[32];
    private static final byte[] PSEUDONYM_KEY = new byte[32];

    static {
        Arrays.fill(PAN_KEY, (byte) 1);
        Arrays.fill(PSEUDONYM_KEY, (byte) 2);
    }

    @Test
    void masksIdentifiersCardsAmountsAndReducesThePersonToTheContext() {
        Transaction.Person person = new Transaction.Person("Ada", "Lovelace", "F", LocalDate.parse("1990-12-10"),
                null, null, new Transaction.Address(null, "Paris", null, null, "FR", 2_100_000L),
                new Transaction.GeoPoint(48.85, 2.35));
        Transaction t = new Transaction("tx-1", Instant.parse("2025-05-01T10:00:00Z"), TransactionType.CARD,
                new BigDecimal("12.505"), "EUR", new Transaction.Customer("C1", person),
                new Transaction.Counterparty("M1", null, null, "Grocer", "grocery_pos",
                        new Transaction.GeoPoint(51.5074, -0.1278)),
                new Transaction.Account(new BigDecimal("100"), new BigDecimal("87.49")),
                new Transaction.Card("4111111111111111", "123", "12/27"), Channel.POS,
                new Transaction.Device("dev-42", "192.0.2.10", null));

        MaskedTransaction m = new TransactionMasker(PAN_KEY, PSEUDONYM_KEY).mask(t);

        Pseudonymizer pseudonyms = new Pseudonymizer(PSEUDONYM_KEY);
        assertThat(m.amountMinor()).isEqualTo(1251);
        assertThat(m.customer().pseudonym()).isEqualTo(pseudonyms.customer("C1"));
        assertThat(m.customer().balanceBeforeMinor()).isEqualTo(10_000);
        assertThat(m.counterparty().pseudonym()).isEqualTo(pseudonyms.counterparty("M1"));
        assertThat(m.card()).isEqualTo(new CardTokenizer(PAN_KEY).tokenize("4111111111111111"));
        assertThat(m.context().customerAgeYears()).isEqualTo(34);
        assertThat(m.context().distanceKm()).isBetween(340, 345);
        assertThat(m.context().cityPopulation()).isEqualTo(2_100_000L);
        assertThat(m.context().devicePseudonym()).isEqualTo(pseudonyms.device("dev-42"));
        assertThat(m.toString()).doesNotContain("4111111111111111", "Lovelace", "C1,");
    }

    @Test
    void anAmountTooLargeNamesTheFieldNotTheValue() {
        Transaction t = new Transaction("tx-2", Instant.parse("2025-05-01T10:00:00Z"), TransactionType.PAYMENT,
                new BigDecimal("1e30"), "EUR", new Transaction.Customer("C1"), new Transaction.Counterparty("M1"),
                null, null, null, null);
        assertThatThrownBy(() -> new TransactionMasker(PAN_KEY, PSEUDONYM_KEY).mask(t))
                .hasMessage("amount is too large");
    }
}
