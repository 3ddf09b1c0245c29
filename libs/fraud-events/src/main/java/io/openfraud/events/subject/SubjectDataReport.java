package io.openfraud.events.subject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one service holds about one data subject (answer of {@code GET /internal/v1/subjects/{pseudonym}}).
 *
 * @param service          the answering service
 * @param subjectPseudonym the subject
 * @param generatedAt      when the report was made
 * @param records          the data, per store and category
 */
public record SubjectDataReport(
        String service,
        String subjectPseudonym,
        Instant generatedAt,
        List<SubjectRecord> records) {

    public SubjectDataReport {
        records = List.copyOf(records);
    }

    /**
     * Data of one category in one store.
     *
     * @param store      where it is held
     * @param category   data category (for example {@code transaction}, {@code features}, {@code decision})
     * @param purpose    purpose of processing
     * @param legalBasis legal basis of processing
     * @param retention  how long it is kept
     * @param source     where it came from
     * @param provided   whether the subject provided it (Art. 20 portability covers only that)
     * @param data       the data itself, masked where the service only holds masked values
     */
    public record SubjectRecord(
            String store,
            String category,
            String purpose,
            String legalBasis,
            String retention,
            String source,
            boolean provided,
            List<Map<String, Object>> data) {
    }
}
