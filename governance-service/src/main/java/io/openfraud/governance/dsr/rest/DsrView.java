package io.openfraud.governance.dsr.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.governance.dsr.model.DsrRecord;
import io.openfraud.governance.dsr.service.DsrService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data-subject request as the API shows it: deadlines computed, the evidence flattened per service, store and field,
 * the retained records with legal basis and delete-after date. No code hash, no verification evidence text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DsrView(String id, String type, String article, String jurisdiction, String ccpaRight, String status,
        String statusReason, String subjectKind, String subjectPseudonym, Instant receivedAt, Instant dueAt,
        long daysLeft, int extension, String extensionUnit, String extensionReason, String verificationMethod,
        Instant verifiedAt, String reviewer, Instant decidedAt, Instant respondBy, List<String> expectedServices,
        List<String> missingServices, List<Evidence> removed, List<Evidence> retained, Map<String, Object> details,
        Instant completedAt) {

    /** One store effect, with the service that reported it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String service, String store, String field, long records, String effect, String legalBasis,
            java.time.LocalDate deleteAfter) {
    }

    static DsrView of(DsrRecord r, Instant now, DsrService service) {
        List<Evidence> removed = new ArrayList<>();
        List<Evidence> retained = new ArrayList<>();
        if (r.answers() != null) {
            r.answers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(answer -> {
                for (StoreEffect e : answer.getValue().effects()) {
                    Evidence evidence = new Evidence(answer.getKey(), e.store(), e.field(), e.records(),
                            e.effect().name(), e.legalBasis(), e.deleteAfter());
                    (e.effect() == StoreEffect.Effect.RETAINED ? retained : removed).add(evidence);
                }
            });
        }
        return new DsrView(r.id(), r.type().name(), r.type().article(), r.jurisdiction().name(), r.ccpaRight(),
                r.status().name(), r.statusReason(), r.subjectKind(), r.subjectPseudonym(), r.receivedAt(), r.dueAt(),
                service.daysLeft(r, now), r.extension(), r.jurisdiction().extensionUnit(), r.extensionReason(),
                r.verification() == null ? null : r.verification().method(),
                r.verification() == null ? null : r.verification().verifiedAt(), r.reviewer(), r.decidedAt(),
                r.respondBy(), r.expectedServices(), r.expectedServices() == null ? null : DsrService.missing(r),
                r.answers() == null ? null : removed, r.answers() == null ? null : retained, r.details(),
                r.completedAt());
    }
}
