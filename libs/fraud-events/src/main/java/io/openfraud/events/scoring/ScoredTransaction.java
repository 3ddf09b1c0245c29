package io.openfraud.events.scoring;

import io.openfraud.events.transaction.ProcessingPath;
import java.time.Instant;

/**
 * Payload of {@code transactions.scored}: the verdict on one transaction, from either path.
 *
 * @param transactionId     the transaction
 * @param customerPseudonym its customer, by keyed pseudonym
 * @param timestamp         event time of the transaction
 * @param path              ASYNC (scored from the stream) or SYNC (decided at authorisation)
 * @param verdict           score, decision, reasons, model version, scorer and what was degraded
 * @param scoredAt          when the verdict was made
 */
public record ScoredTransaction(
        String transactionId,
        String customerPseudonym,
        Instant timestamp,
        ProcessingPath path,
        Verdict verdict,
        Instant scoredAt) {
}
