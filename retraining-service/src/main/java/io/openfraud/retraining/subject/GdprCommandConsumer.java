package io.openfraud.retraining.subject;

import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.messaging.SubjectCommands;
import io.openfraud.retraining.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Carries out governance's data-subject commands ({@code gdpr.commands}) on what retraining holds and answers each on
 * {@code gdpr.events} (through the outbox, keyed by request id) with per-store evidence: ERASE deletes the subject's
 * labels and verdicts and keeps the subject out of training for good; RESTRICT and OBJECT keep them stored but out of
 * training; LIFT_RESTRICTION lifts a restriction. Every action is idempotent, so a redelivered command is carried out
 * and answered again, the same way. A record that is not a valid command goes to {@code gdpr.commands.dlq} with its
 * reason code.
 */
@ApplicationScoped
public class GdprCommandConsumer {

    static final String CHANNEL = "gdpr-commands";
    static final String DLQ_CHANNEL = "gdpr-commands-dlq";

    private final SubjectDataService subjects;
    private final Outbox outbox;
    private final Emitter<byte[]> deadLetters;
    private final Clock clock = Clock.systemUTC();

    GdprCommandConsumer(SubjectDataService subjects, Outbox outbox, @Channel(DLQ_CHANNEL) Emitter<byte[]> deadLetters) {
        this.subjects = subjects;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        return SubjectCommands.handle(message, Services.RETRAINING, deadLetters, clock,
                command -> switch (command.action()) {
                    case ERASE -> subjects.erase(command.subjectPseudonym(), command.requestId()).effects();
                    case RESTRICT, OBJECT, LIFT_RESTRICTION -> subjects.limit(command.action(),
                            command.subjectPseudonym(), command.requestId());
                },
                event -> {
                    QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(Topics.GDPR_EVENTS, event.requestId(),
                            event, event.completedAt()));
                    return CompletableFuture.completedFuture(null);
                });
    }
}
