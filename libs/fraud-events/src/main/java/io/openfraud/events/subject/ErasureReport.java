package io.openfraud.events.subject;

import io.openfraud.events.gdpr.StoreEffect;
import java.time.Instant;
import java.util.List;

/**
 * What one service erased for one data subject (answer of {@code DELETE /internal/v1/subjects/{pseudonym}}).
 *
 * @param service          the answering service
 * @param subjectPseudonym the subject
 * @param completedAt      when the erasure finished
 * @param effects          per store and field: erased, pseudonymised, or retained with legal basis and date
 */
public record ErasureReport(String service, String subjectPseudonym, Instant completedAt, List<StoreEffect> effects) {

    public ErasureReport {
        effects = List.copyOf(effects);
    }
}
