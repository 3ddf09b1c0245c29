package io.openfraud.events.gdpr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code gdpr.events}: one service's answer to a {@link GdprCommand}.
 *
 * @param requestId        the data-subject request
 * @param service          the answering service
 * @param action           the command's action
 * @param subjectPseudonym the subject
 * @param outcome          DONE or FAILED
 * @param effects          per store and field, what was erased, pseudonymised or retained
 * @param error            for FAILED, a reason free of personal data
 * @param completedAt      when the service finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GdprEvent(
        String requestId,
        String service,
        GdprCommand.Action action,
        String subjectPseudonym,
        Outcome outcome,
        List<StoreEffect> effects,
        String error,
        Instant completedAt) {

    public GdprEvent {
        effects = effects == null ? List.of() : List.copyOf(effects);
    }

    /** Whether the service carried out the command. */
    public enum Outcome {
        DONE, FAILED
    }
}
