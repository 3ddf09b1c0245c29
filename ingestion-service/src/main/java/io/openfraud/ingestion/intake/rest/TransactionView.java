package io.openfraud.ingestion.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.ingestion.intake.persistence.TransactionEntity;
import io.openfraud.ingestion.review.service.ReviewService;
import java.time.Instant;
import java.util.List;

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
 * @param context            the minimised context of a version 2 transaction, as published
 * @param warnings           ids of the WARN data-quality rules it failed
 * @param lineage            where it came from and what admitted it
 * @param review             the latest human review of the decision ({@code decisions.reviewed}), if any
 */
public record TransactionView(String transactionId, Instant timestamp, String type, long amountMinor,
        String currency, String customerPseudonym, String cardBin, String cardLast4, String path, String decision,
        Double score, String scorer, String modelVersion, JsonNode context, List<String> warnings, Lineage lineage,
        ReviewService.Review review) {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /**
     * The lineage of a stored row.
     *
     * @param source         API, BATCH, FILE or KAFKA
     * @param sourceRef      the batch, import job and row, or partition and offset
     * @param schemaVersion  the canonical schema version it was read with
     * @param ruleSetVersion the data-quality rule set that admitted it
     * @param keyId          the masking keys that made its tokens and pseudonyms
     */
    public record Lineage(String source, String sourceRef, int schemaVersion, String ruleSetVersion, String keyId) {
    }

    static TransactionView of(TransactionEntity e) {
        return of(e, null);
    }

    static TransactionView of(TransactionEntity e, ReviewService.Review review) {
        JsonNode context;
        try {
            context = e.context == null ? null : JSON.readTree(e.context);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored context is not JSON", ex);
        }
        return new TransactionView(e.transactionId, e.eventTime, e.type, e.amountMinor, e.currency,
                e.customerPseudonym, e.cardBin, e.cardLast4, e.path, e.decision, e.score, e.scorer, e.modelVersion,
                context, e.warnings == null ? List.of() : List.of(e.warnings.split(",")),
                new Lineage(e.sourceKind, e.sourceRef, e.schemaVersion, e.ruleSetVersion, e.keyId), review);
    }
}
