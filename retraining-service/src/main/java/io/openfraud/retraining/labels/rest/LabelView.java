package io.openfraud.retraining.labels.rest;

import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.retraining.labels.persistence.LabelRow;
import java.time.Instant;

/**
 * One label as the API shows it.
 *
 * @param labelId       id of the event or request that carried it
 * @param transactionId the labelled transaction
 * @param label         FRAUD or LEGIT
 * @param source        where it came from
 * @param observedAt    when the truth became known
 * @param receivedAt    when it was stored
 * @param channel       KAFKA ({@code labels.feedback}) or API
 */
public record LabelView(String labelId, String transactionId, LabelValue label, LabelSource source,
        Instant observedAt, Instant receivedAt, LabelRow.Channel channel) {

    public static LabelView of(LabelRow row) {
        return new LabelView(row.eventId(), row.transactionId(), row.label(), row.source(), row.observedAt(),
                row.receivedAt(), row.channel());
    }
}
