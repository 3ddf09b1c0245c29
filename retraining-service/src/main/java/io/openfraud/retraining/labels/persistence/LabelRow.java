package io.openfraud.retraining.labels.persistence;

import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import java.time.Instant;

/**
 * One stored label (table {@code labels}).
 *
 * @param eventId       id of the event (or API request) that carried it
 * @param transactionId the labelled transaction
 * @param label         FRAUD or LEGIT
 * @param source        where it came from
 * @param observedAt    when the truth became known (decides which label is current)
 * @param receivedAt    when this service stored it (null before it is stored)
 * @param channel       KAFKA or API
 */
public record LabelRow(String eventId, String transactionId, LabelValue label, LabelSource source,
        Instant observedAt, Instant receivedAt, Channel channel) {

    /** How a label reached this service. */
    public enum Channel {
        KAFKA, API
    }

    /** Precedence of a source when two labels of a transaction were observed at the same instant (higher wins). */
    public static int rank(LabelSource source) {
        return switch (source) {
            case IMPORT -> 0;
            case ANALYST -> 1;
            case REVIEW -> 2;
            case CHARGEBACK -> 3;
        };
    }
}
