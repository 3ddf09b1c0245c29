package io.openfraud.governance.audit.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One auditable action (PCI-DSS 10.2.2): who did what to which resource, from where, with what outcome. The time is
 * added by the trail. Holds pseudonyms and ids only, never a card number or a name.
 *
 * @param actor    who: the token's subject and role, or the service for events from Kafka
 * @param action   what, for example {@code DSR_APPROVED} or {@code MODEL_STAGE_CHANGED}
 * @param resource the object acted upon, for example {@code dsr/1f2e...} or {@code model/fraud-mlp/7}
 * @param outcome  SUCCESS, DENIED or FAILURE
 * @param origin   where the action came from: {@code rest:<client address>} or {@code kafka:<topic>}
 * @param details  further facts (ids, decisions), no personal data beyond pseudonyms
 */
public record AuditEvent(String actor, String action, String resource, String outcome, String origin,
        Map<String, Object> details) {

    public static final String SUCCESS = "SUCCESS";
    public static final String DENIED = "DENIED";
    public static final String FAILURE = "FAILURE";

    public AuditEvent {
        details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }
}
