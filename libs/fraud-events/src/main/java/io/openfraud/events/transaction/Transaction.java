package io.openfraud.events.transaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The canonical transaction, schema version 1, as external producers send it (REST body or
 * {@code transactions.raw}). It may hold a full card number and CVV: only ingestion ever sees it, and ingestion
 * masks it before anything is stored or published.
 *
 * @param transactionId client idempotency key, unique per client
 * @param timestamp     event time
 * @param type          kind of payment
 * @param amount        amount in major units of {@code currency}, positive
 * @param currency      ISO 4217 alphabetic code
 * @param customer      the paying customer
 * @param counterparty  the receiving party (merchant, account or customer), with optional balances
 * @param account       optional balances of the customer's account
 * @param card          optional card data (PAN, CVV, expiry), cardholder-data zone only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(
        String transactionId,
        Instant timestamp,
        TransactionType type,
        BigDecimal amount,
        String currency,
        Customer customer,
        Counterparty counterparty,
        Account account,
        Card card) {

    /** Schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * The paying customer, identified by the client's own id (personal data: for card files it may be the card
     * number). Never logged: {@link #toString()} hides it.
     */
    public record Customer(String id) {
        @Override
        public String toString() {
            return "Customer[id=***]";
        }
    }

    /** The receiving party and, where known, its balances around the transaction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counterparty(String id, BigDecimal balanceBefore, BigDecimal balanceAfter) {
        public Counterparty(String id) {
            this(id, null, null);
        }
    }

    /** Balances of the customer's account around the transaction. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(BigDecimal balanceBefore, BigDecimal balanceAfter) {
    }

    /**
     * Card data. Never logged: {@link #toString()} shows only the last four digits.
     *
     * @param pan    primary account number, digits only
     * @param cvv    card verification value (never stored)
     * @param expiry expiry as {@code MM/YY}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String pan, String cvv, String expiry) {
        @Override
        public String toString() {
            String last4 = pan == null || pan.length() < 4 ? "" : pan.substring(pan.length() - 4);
            return "Card[pan=****" + last4 + ", cvv=" + (cvv == null ? "null" : "***") + ", expiry=**/**]";
        }
    }
}
