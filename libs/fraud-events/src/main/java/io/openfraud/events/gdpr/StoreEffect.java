package io.openfraud.events.gdpr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * What a service did to one field in one store for a data subject: the evidence of an erasure.
 *
 * @param store        the store, for example {@code postgresql:ingestion.transactions} or {@code redis:features}
 * @param field        the field or key pattern
 * @param records      how many records were affected
 * @param effect       ERASED, PSEUDONYMISED or RETAINED
 * @param legalBasis   for RETAINED, why the law requires keeping it (for example AML, five years)
 * @param deleteAfter  for RETAINED, the date after which it is deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreEffect(
        String store,
        String field,
        long records,
        Effect effect,
        String legalBasis,
        LocalDate deleteAfter) {

    /** What happened to the data. */
    public enum Effect {
        ERASED, PSEUDONYMISED, RETAINED
    }
}
