package io.openfraud.ingestion.intake.service;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Idempotency of the single-transaction paths. The client's transactionId is the idempotency key: a repeat of the
 * same transaction (a client retry, or two copies sent at once) is a replay and gets the stored answer; another
 * transaction under an id already used is a client error (409), never silently answered with the first one's
 * decision. "The same" is judged on what was stored, masked: event time, type, amount, currency, and (when stored
 * under the masking key in force) the customer and counterparty pseudonyms and card token.
 */
@ApplicationScoped
public class Replays {

    private final MaskingService masking;

    Replays(MaskingService masking) {
        this.masking = masking;
    }

    /** Throws a 409 problem unless {@code masked} is the transaction stored as {@code stored}. */
    public void requireSameTransaction(TransactionEntity stored, MaskedTransaction masked) {
        if (!sameTransaction(stored, masked, masking.keyId())) {
            throw new ProblemException(409, "This transactionId was already used for a different transaction: "
                    + "a retry must repeat the original exactly, a new transaction needs a new id.");
        }
    }

    static boolean sameTransaction(TransactionEntity stored, MaskedTransaction masked, String keyIdInForce) {
        boolean same = stored.transactionId.equals(masked.transactionId())
                && micros(stored.eventTime).equals(micros(masked.timestamp()))
                && stored.type.equals(masked.type().name())
                && stored.amountMinor == masked.amountMinor()
                && stored.currency.equals(masked.currency());
        if (!same || !Objects.equals(stored.keyId, keyIdInForce)) {
            // pseudonyms and tokens made under another (rotated) key cannot be compared; the rest must match
            return same;
        }
        return stored.customerPseudonym.equals(masked.customer().pseudonym())
                && stored.counterpartyPseudonym.equals(masked.counterparty().pseudonym())
                && Objects.equals(stored.cardToken, masked.card() == null ? null : masked.card().token());
    }

    /** PostgreSQL keeps microseconds. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
