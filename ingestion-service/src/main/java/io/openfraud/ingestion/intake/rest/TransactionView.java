package io.openfraud.ingestion.intake.rest;

import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import java.time.Instant;

/**
 * A stored transaction as analysts see it: masked values only, and the decision once made.
 *
 * @param transactionId      the client's id
 * @param timestamp          event time
 * @param type               payment type
 * @param amountMinor        amount in minor units
 * @param currency           ISO 4217 code
 * @param customerPseudonym  keyed customer pseudonym
 * @param cardBin            BIN, for card payments
 * @param cardLast4          last four digits, for card payments
 * @param path               ASYNC or SYNC
 * @param decision           APPROVE, REVIEW or DECLINE, once scored
 * @param score              calibrated score, once scored
 * @param scorer             MODEL or RULES, once scored
 * @param modelVersion       model version, once scored
 */
public record TransactionView(String transactionId, Instant timestamp, String type, long amountMinor,
        String currency, String customerPseudonym, String cardBin, String cardLast4, String path, String decision,
        Double score, String scorer, String modelVersion) {

    static TransactionView of(TransactionEntity e) {
        return new TransactionView(e.transactionId, e.eventTime, e.type, e.amountMinor, e.currency,
                e.customerPseudonym, e.cardBin, e.cardLast4, e.path, e.decision, e.score, e.scorer, e.modelVersion);
    }
}
