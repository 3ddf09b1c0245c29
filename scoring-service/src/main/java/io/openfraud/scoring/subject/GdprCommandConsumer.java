package io.openfraud.scoring.subject;

import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.messaging.KeyedSend;
import io.openfraud.messaging.SubjectCommands;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries out governance's data-subject commands ({@code gdpr.commands}) on the subject's analyst cases and answers
 * each on {@code gdpr.events}, keyed by request id, with per-store evidence ({@link SubjectDataService#apply}). Every
 * action is idempotent, so a redelivered command is carried out and answered again. The command is acknowledged once
 * the broker has the answer; a failure of the case store is answered FAILED (governance asks again). A record that is
 * not a valid command goes to {@code gdpr.commands.dlq} with its reason code.
 */
@ApplicationScoped
public class GdprCommandConsumer {

    static final String CHANNEL = "gdpr-commands";
    static final String DLQ_CHANNEL = "gdpr-commands-dlq";
    static final String EVENTS_CHANNEL = "gdpr-events";

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
        return SubjectCommands.handle(message, Services.SCORING, deadLetters, clock,
                command -> subjects.apply(command.action(), command.subjectPseudonym()),
                event -> KeyedSend.event(answers, Topics.GDPR_EVENTS, Services.SCORING, event.requestId(), event));
    }
}
