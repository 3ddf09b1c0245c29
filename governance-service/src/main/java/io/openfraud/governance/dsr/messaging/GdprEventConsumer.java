package io.openfraud.governance.dsr.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.governance.dsr.service.DsrService;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Collects every service's answer on {@code gdpr.events} as the evidence of a request. A redelivered answer replaces
 * the same service's answer (idempotent); unreadable records are dead-lettered.
 */
@ApplicationScoped
public class GdprEventConsumer {

    private static final Logger LOG = Logger.getLogger(GdprEventConsumer.class);

    private final EventCodec<GdprEvent> codec = new EventCodec<>(Topics.GDPR_EVENTS);
    private final DsrService requests;
    private final Emitter<byte[]> deadLetters;

    GdprEventConsumer(DsrService requests, @Channel("gdpr-events-dlq") Emitter<byte[]> deadLetters) {
        this.requests = requests;
        this.deadLetters = deadLetters;
    }

    @Incoming("gdpr-events")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope<GdprEvent> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.GDPR_EVENTS_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        requests.recordAnswer(event.eventId(), event.producer(), event.payload());
        return message.ack();
    }
}
