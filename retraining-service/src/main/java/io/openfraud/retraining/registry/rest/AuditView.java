package io.openfraud.retraining.registry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openfraud.retraining.registry.persistence.RegistryAuditEntity.Action;
import java.time.Instant;

/**
 * One record of the registry's audit trail.
 *
 * @param id          audit id (also on the {@code models.lifecycle} events of the change)
 * @param modelName   model name
 * @param action      FIRST_CHAMPION, GATE_PROMOTED, GATE_HELD, MANUAL_PROMOTION or ROLLBACK
 * @param fromVersion the champion before the change (absent if there was none)
 * @param toVersion   the version the change was about (new champion, or the held challenger)
 * @param principal   who: the JWT principal, or {@code scheduler} / the requester of the training run
 * @param reason      why: the operator's reason, or the gate's comparison
 * @param at          when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditView(long id, String modelName, Action action, String fromVersion, String toVersion,
        String principal, String reason, Instant at) {
}
