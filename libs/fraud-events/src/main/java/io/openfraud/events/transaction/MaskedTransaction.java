package io.openfraud.events.transaction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A transaction after validation and masking: what the platform stores, publishes and scores. It holds keyed
 * pseudonyms and card tokens only; amounts are integer minor units so every service computes the same numbers.
 *
 * @param transactionId client idempotency key
 * @param timestamp     event time
 * @param type          kind of payment
 * @param amountMinor   amount in minor units of {@code currency} (cents for EUR), positive
 * @param currency      ISO 4217 alphabetic code
 * @param customer      customer pseudonym and account balances
 * @param counterparty  counterparty pseudonym and balances
 * @param card          card token, BIN and last four digits, or {@code null} for non-card payments
 * @param context       minimised context (channel, category, derived distance and age, device and IP pseudonyms), or
 *                      {@code null} when the transaction said nothing of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaskedTransaction(
        String transactionId,
        Instant timestamp,
        TransactionType type,
        long amountMinor,
        String currency,
        MaskedParty customer,
        MaskedParty counterparty,
        MaskedCard card,
        MaskedContext context) {

    /** Without context (a version 1 transaction, or one that said nothing of it). */
    public MaskedTransaction(String transactionId, Instant timestamp, TransactionType type, long amountMinor,
            String currency, MaskedParty customer, MaskedParty counterparty, MaskedCard card) {
        this(transactionId, timestamp, type, amountMinor, currency, customer, counterparty, card, null);
    }

    /**
     * What may be published about a transaction's context: derivations and pseudonyms, never the personal data they
     * come from.
     *
     * @param channel          where the payment was made
     * @param merchantCategory ISO 18245 MCC or category name
     * @param distanceKm       whole kilometres between the customer's home and the merchant
     * @param customerAgeYears the customer's age in whole years at the transaction's time
     * @param cityPopulation   population of the customer's city
     * @param devicePseudonym  keyed pseudonym of the device identifier
     * @param ipPseudonym      keyed pseudonym of the IP address
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaskedContext(Transaction.Channel channel, String merchantCategory, Integer distanceKm,
            Integer customerAgeYears, Long cityPopulation, String devicePseudonym, String ipPseudonym) {

        /** True when nothing is known: publish no context at all then. */
        @JsonIgnore
        public boolean isEmpty() {
            return channel == null && merchantCategory == null && distanceKm == null && customerAgeYears == null
                    && cityPopulation == null && devicePseudonym == null && ipPseudonym == null;
        }
    }

    /**
     * A party by keyed pseudonym.
     *
     * @param pseudonym          keyed HMAC pseudonym of the client's identifier
     * @param balanceBeforeMinor balance before the transaction, minor units, if known
     * @param balanceAfterMinor  balance after the transaction, minor units, if known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MaskedParty(String pseudonym, Long balanceBeforeMinor, Long balanceAfterMinor) {
        public MaskedParty(String pseudonym) {
            this(pseudonym, null, null);
        }
    }

    /**
     * A card without its number.
     *
     * @param token keyed HMAC token of the PAN
     * @param bin   first six to eight digits (issuer identification number)
     * @param last4 last four digits
     */
    public record MaskedCard(String token, String bin, String last4) {
    }
}
