package io.openfraud.events.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.transaction.ProcessingPath;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payload of {@code transactions.enriched}: the feature vector of a transaction, computed from its entities' state
 * strictly before it.
 *
 * @param transactionId     the transaction
 * @param customerPseudonym its customer, by keyed pseudonym
 * @param timestamp         event time of the transaction
 * @param path              ASYNC or SYNC
 * @param verdict           the SYNC decision, passed through so the stream never scores it again
 * @param featureSetVersion version of the feature set that produced {@code features}
 * @param features          feature name to value, in the feature set's order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrichedTransaction(
        String transactionId,
        String customerPseudonym,
        Instant timestamp,
        ProcessingPath path,
        Verdict verdict,
        String featureSetVersion,
        Map<String, Double> features) {

    public EnrichedTransaction {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        if (path == ProcessingPath.SYNC && verdict == null) {
            throw new IllegalArgumentException("a SYNC transaction carries its verdict");
        }
        if (path == ProcessingPath.ASYNC && verdict != null) {
            throw new IllegalArgumentException("an ASYNC transaction has no verdict yet");
        }
    }
}
