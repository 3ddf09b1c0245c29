package io.openfraud.ingestion.subject.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.ingestion.outbox.Outbox;
import io.openfraud.ingestion.subject.service.ProcessingLimits;
import io.openfraud.ingestion.subject.service.SubjectDataService;
import io.openfraud.messaging.DeadLetters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Carries out governance's data-subject commands ({@code gdpr.commands}) on what ingestion holds, and answers each on
 * {@code gdpr.events} (through the outbox) with per-store evidence: ERASE shreds the subject's personal data and keeps
 * the AML records pseudonymised; RESTRICT and OBJECT take the subject out of the retraining export; LIFT_RESTRICTION
 * puts them back. Every action is idempotent, so a redelivered command is answered again, the same way.
 */
@ApplicationScoped
public class GdprCommandConsumer {

    private static final Logger LOG = Logger.getLogger(GdprCommandConsumer.class);

    private final EventCodec<GdprCommand> codec = new EventCodec<>(Topics.GDPR_COMMANDS);
    private final SubjectDataService subjects;
    private final ProcessingLimits limits;
    private final Outbox outbox;
    private final Emitter<byte[]> deadLetters;
    private final Clock clock = Clock.systemUTC();

    GdprCommandConsumer(SubjectDataService subjects, ProcessingLimits limits, Outbox outbox,
            @Channel("gdpr-commands-dlq") Emitter<byte[]> deadLetters) {
        this.subjects = subjects;
        this.limits = limits;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
    }

    @Incoming("gdpr-commands")
    @Blocking
    public CompletionStage<Void> consume(Message<byte[]> message) {
        GdprCommand command;
        try {
            command = codec.decode(message.getPayload()).payload();
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.GDPR_COMMANDS_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        GdprEvent answer;
        try {
            List<StoreEffect> effects = switch (command.action()) {
                case ERASE -> subjects.erase(command.subjectPseudonym()).effects();
                case RESTRICT, OBJECT, LIFT_RESTRICTION -> limits.apply(command.action(),
                        command.subjectPseudonym(), command.requestId(), clock.instant());
            };
            answer = new GdprEvent(command.requestId(), Services.INGESTION, command.action(),
                    command.subjectPseudonym(), GdprEvent.Outcome.DONE, effects, null, clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf("data-subject command %s (%s) failed: %s", command.requestId(), command.action(),
                    e.getClass().getName());
            answer = new GdprEvent(command.requestId(), Services.INGESTION, command.action(),
                    command.subjectPseudonym(), GdprEvent.Outcome.FAILED, List.of(),
                    "ingestion could not complete the command (" + e.getClass().getSimpleName() + ")",
                    clock.instant());
        }
        GdprEvent event = answer;
        Instant at = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(Topics.GDPR_EVENTS, event.requestId(), event, at));
        return message.ack();
    }
}
