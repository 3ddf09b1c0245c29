package io.openfraud.scoring.subject;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.messaging.KeyedSend;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Carries out governance's data-subject commands ({@code gdpr.commands}) on the subject's analyst cases and answers
 * each on {@code gdpr.events}, keyed by request id, with per-store evidence ({@link SubjectDataService#apply}). Every
 * action is idempotent, so a redelivered command is carried out and answered again. The command is acknowledged once
 * the broker has the answer; a failure of the case store is answered FAILED (governance asks again). A record that is
 * not a valid command goes to {@code gdpr.commands.dlq} with its reason code.
 */
@ApplicationScoped
public class GdprCommandConsumer {

    private static final Logger LOG = Logger.getLogger(GdprCommandConsumer.class);
    static final String CHANNEL = "gdpr-commands";
    static final String DLQ_CHANNEL = "gdpr-commands-dlq";
    static final String EVENTS_CHANNEL = "gdpr-events";

    private final EventCodec<GdprCommand> codec = new EventCodec<>(Topics.GDPR_COMMANDS);
    private final SubjectDataService subjects;
    private final Emitter<EventEnvelope<GdprEvent>> answers;
    private final Emitter<byte[]> deadLetters;
    private final Clock clock = Clock.systemUTC();

    GdprCommandConsumer(SubjectDataService subjects, @Channel(EVENTS_CHANNEL) Emitter<EventEnvelope<GdprEvent>> answers,
            @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.subjects = subjects;
        this.answers = answers;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        GdprCommand command;
        try {
            command = decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.GDPR_COMMANDS_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        GdprEvent answer;
        try {
            List<StoreEffect> effects = subjects.apply(command.action(), command.subjectPseudonym());
            answer = new GdprEvent(command.requestId(), Services.SCORING, command.action(),
                    command.subjectPseudonym(), GdprEvent.Outcome.DONE, effects, null, clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf("data-subject command %s (%s) failed: %s", command.requestId(), command.action(),
                    e.getClass().getName());
            answer = new GdprEvent(command.requestId(), Services.SCORING, command.action(),
                    command.subjectPseudonym(), GdprEvent.Outcome.FAILED, List.of(),
                    "scoring-service could not complete the command (" + e.getClass().getSimpleName() + ")",
                    clock.instant());
        }
        return KeyedSend.event(answers, Topics.GDPR_EVENTS, Services.SCORING, answer.requestId(), answer)
                .thenCompose(ignored -> message.ack());
    }

    /** Binds the envelope, then checks the payload against the topic's schema (the codec checks types only). */
    private GdprCommand decode(byte[] bytes) {
        GdprCommand command = codec.decode(bytes).payload();
        List<SchemaViolation> violations = SchemaValidator.shared().validate(Topics.GDPR_COMMANDS, bytes);
        if (!violations.isEmpty()) {
            throw new ContractViolation(ReasonCode.SCHEMA_VIOLATION, "gdpr.commands record breaks "
                    + Topics.GDPR_COMMANDS.schemaFile() + ": " + violations.stream().map(SchemaViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        return command;
    }
}
