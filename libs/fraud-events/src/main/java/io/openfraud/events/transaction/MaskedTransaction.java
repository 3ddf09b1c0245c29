package io.openfraud.events.transaction;

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
        MaskedCard card) {

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
