package io.openfraud.events.transaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.scoring.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code transactions.validated}: a masked transaction that passed data-quality rules.
 *
 * @param transaction the masked transaction
 * @param path        ASYNC (score from the stream) or SYNC (already decided)
 * @param verdict     for SYNC, the decision given at authorisation; {@code null} for ASYNC
 * @param warnings    ids of warn-severity data-quality rules that failed (the record was still accepted)
 * @param ingestedAt  when ingestion accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidatedTransaction(
        MaskedTransaction transaction,
        ProcessingPath path,
        Verdict verdict,
        List<String> warnings,
        Instant ingestedAt) {

    public ValidatedTransaction {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (path == ProcessingPath.SYNC && verdict == null) {
            throw new IllegalArgumentException("a SYNC transaction carries its verdict");
        }
        if (path == ProcessingPath.ASYNC && verdict != null) {
            throw new IllegalArgumentException("an ASYNC transaction has no verdict yet");
        }
    }
}
