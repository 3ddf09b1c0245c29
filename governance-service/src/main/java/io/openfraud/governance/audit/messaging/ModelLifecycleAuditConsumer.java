package io.openfraud.governance.audit.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.messaging.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Audits every model-registry stage change on {@code models.lifecycle} (promotions, roll-backs) once. */
@ApplicationScoped
public class ModelLifecycleAuditConsumer {

    private static final Logger LOG = Logger.getLogger(ModelLifecycleAuditConsumer.class);

    private final EventCodec<ModelLifecycleEvent> codec = new EventCodec<>(Topics.MODELS_LIFECYCLE);
    private final AuditTrail trail;
    private final Emitter<byte[]> deadLetters;

    ModelLifecycleAuditConsumer(AuditTrail trail, @Channel("models-lifecycle-dlq") Emitter<byte[]> deadLetters) {
        this.trail = trail;
        this.deadLetters = deadLetters;
    }

    @Incoming("models-lifecycle")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope<ModelLifecycleEvent> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.MODELS_LIFECYCLE_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        trail.recordModelChange(event.eventId(), event.producer(), event.payload());
        return message.ack();
    }
}
