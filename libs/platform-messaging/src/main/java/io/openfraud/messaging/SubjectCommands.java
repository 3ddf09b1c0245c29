package io.openfraud.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What every service does with a record of {@code gdpr.commands}: decode it and check it against the topic's schema
 * (an invalid record goes to {@code gdpr.commands.dlq} with its reason code, and the next one is processed), carry it
 * out through the service's subject-data interface, and answer on {@code gdpr.events} with DONE and the per-store
 * effects, or FAILED with the exception's type (never its message, which may hold data). The record is acknowledged
 * once the answer is handed on ({@code answer} completes).
 */
public final class SubjectCommands {

    private static final Logger LOG = Logger.getLogger(SubjectCommands.class);
    private static final EventCodec<GdprCommand> CODEC = new EventCodec<>(Topics.GDPR_COMMANDS);

    private SubjectCommands() {
    }

    /**
     * @param service    the answering service ({@code io.openfraud.events.Services})
     * @param carryOut   the service's subject-data interface: the effects of the command
     * @param answer     publishes the answer (an emitter or an outbox); the record is acknowledged when it completes
     */
    public static CompletionStage<Void> handle(Message<byte[]> message, String service, Emitter<byte[]> deadLetters,
            Clock clock, Function<GdprCommand, List<StoreEffect>> carryOut,
            Function<GdprEvent, CompletionStage<?>> answer) {
        GdprCommand command;
        try {
            command = decode(message.getPayload());
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.GDPR_COMMANDS_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        GdprEvent event;
        try {
            List<StoreEffect> effects = carryOut.apply(command);
            event = new GdprEvent(command.requestId(), service, command.action(), command.subjectPseudonym(),
                    GdprEvent.Outcome.DONE, effects, null, clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf("data-subject command %s (%s) failed: %s", command.requestId(), command.action(),
                    e.getClass().getName());
            event = new GdprEvent(command.requestId(), service, command.action(), command.subjectPseudonym(),
                    GdprEvent.Outcome.FAILED, List.of(), service + " could not complete the command ("
                            + e.getClass().getSimpleName() + ")", clock.instant());
        }
        return answer.apply(event).thenCompose(ignored -> message.ack());
    }

    /** Binds the envelope, then checks the payload against the topic's schema (the codec checks types only). */
    public static GdprCommand decode(byte[] bytes) {
        GdprCommand command = CODEC.decode(bytes).payload();
        List<SchemaViolation> violations = SchemaValidator.shared().validate(Topics.GDPR_COMMANDS, bytes);
        if (!violations.isEmpty()) {
            throw new ContractViolation(ReasonCode.SCHEMA_VIOLATION, "gdpr.commands record breaks "
                    + Topics.GDPR_COMMANDS.schemaFile() + ": " + violations.stream().map(SchemaViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        return command;
    }
}
