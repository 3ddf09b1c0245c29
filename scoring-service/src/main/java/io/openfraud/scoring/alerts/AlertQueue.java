package io.openfraud.scoring.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.messaging.KeyedSend;
import io.openfraud.web.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The analyst queue: every REVIEW decision scoring makes (REST or stream, never the challenger's shadow verdicts)
 * opens one case per transaction; an analyst resolves it once as FRAUD or LEGIT, and the resolution becomes a label
 * ({@code labels.feedback}, source ANALYST) that retraining learns from.
 *
 * <p>A resolution publishes its label while the case row is locked and commits only once the broker has acknowledged
 * it: a case is never closed without its label. If the commit itself fails after the acknowledgement the case stays
 * open and a retry publishes the same label again, which is harmless (the latest label per transaction wins).
 */
@ApplicationScoped
public class AlertQueue {

    private static final Logger LOG = Logger.getLogger(AlertQueue.class);

    private final AlertCaseStore store;
    private final AlertConfig config;
    private final Emitter<EventEnvelope<LabelFeedback>> labels;
    private final Counter opened;
    private final Clock clock = Clock.systemUTC();

    AlertQueue(AlertCaseStore store, AlertConfig config,
            @Channel("labels-feedback") Emitter<EventEnvelope<LabelFeedback>> labels, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.labels = labels;
        this.opened = Counter.builder("openfraud_scoring_alert_cases_opened_total")
                .description("Analyst cases opened (one per transaction decided REVIEW)").register(registry);
    }

    /** Opens a case if {@code verdict} is REVIEW and the transaction has none; true when this call opened it. */
    public boolean onDecision(String transactionId, String customerPseudonym, Verdict verdict) {
        if (verdict.decision() != Decision.REVIEW) {
            return false;
        }
        boolean created = store.open(transactionId, customerPseudonym, verdict, clock.instant());
        if (created) {
            opened.increment();
        }
        return created;
    }

    public AlertPage list(AlertCase.Status status, int page, int size) {
        if (page < 0) {
            throw new ProblemException(400, "page must be 0 or more.");
        }
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemException(400, "size must be between 1 and " + config.maxPageSize() + ".");
        }
        return store.page(status, page, size);
    }

    public Optional<AlertCase> get(UUID id) {
        return store.find(id);
    }

    /**
     * Resolves an open case: 404 if there is none, 409 if it is already resolved, 503 (nothing recorded) if the label
     * could not be published.
     */
    public AlertCase resolve(UUID id, LabelValue outcome, String note, String analyst) {
        Instant now = clock.instant();
        AlertCaseStore.ResolveResult result = store.resolve(id, outcome, note, analyst, now,
                locked -> publish(new LabelFeedback(locked.transactionId(), outcome, LabelSource.ANALYST, now)));
        return switch (result) {
            case NOT_FOUND -> throw new ProblemException(404, "No such alert case.");
            case ALREADY_RESOLVED -> throw new ProblemException(409, "The alert case is already resolved.");
            case RESOLVED -> store.find(id).orElseThrow();
        };
    }

    private void publish(LabelFeedback label) {
        try {
            KeyedSend.send(labels, EventEnvelope.of(Topics.LABELS_FEEDBACK, Services.SCORING, label,
                    label.observedAt()), label.transactionId(), null)
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unpublished(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unpublished(e);
        }
    }

    private static ProblemException unpublished(Exception e) {
        LOG.warnf("an analyst label could not be published: %s", e.getClass().getSimpleName());
        return new ProblemException(503, "The resolution could not be published; nothing was recorded, retry.");
    }

    /** Retention: deletes cases opened longer ago than {@code openfraud.scoring.alerts.retention}. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int deleted = store.purgeOpenedBefore(clock.instant().minus(config.retention()));
        if (deleted > 0) {
            LOG.infof("deleted %d alert cases past their retention", deleted);
        }
    }
}
