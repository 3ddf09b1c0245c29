package io.openfraud.retraining.labels.service;

import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.retraining.labels.persistence.LabelRow;
import io.openfraud.retraining.labels.persistence.LabelStore;
import io.openfraud.retraining.labels.rest.LabelHistoryView;
import io.openfraud.retraining.labels.rest.LabelRequest;
import io.openfraud.retraining.labels.rest.LabelView;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ground truth: stores labels from Kafka and the API with their history, and answers a transaction's label. */
@ApplicationScoped
public class LabelService {

    /** The contracts' identifier (common.schema.json#/$defs/identifier): never a card number, no spaces. */
    static final Pattern IDENTIFIER = Pattern.compile("^(?![0-9]{13,19}$)(?!(?=(?:[^0-9]*[0-9]){13,19}[^0-9]*$)"
            + "[0-9]{4}(?:-[0-9]{3,6}){2,3}(?:-[0-9]{1,4})?$)[A-Za-z0-9][A-Za-z0-9_.:=+/~-]{0,127}$");
    /** How far in the future an observation time may lie (clock skew between callers). */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final LabelStore store;
    private final Counter stored;
    private final Counter duplicates;
    private final Clock clock = Clock.systemUTC();

    LabelService(LabelStore store, MeterRegistry registry) {
        this.store = store;
        this.stored = Counter.builder("openfraud_labels_stored").description("labels stored (history rows)")
                .register(registry);
        this.duplicates = Counter.builder("openfraud_labels_duplicates")
                .description("labels received again (same event id) and skipped").register(registry);
    }

    /** Stores labels read from Kafka (one transaction); redeliveries are skipped. */
    public int recordAll(List<LabelRow> rows) {
        int inserted = store.insertAll(rows);
        stored.increment(inserted);
        duplicates.increment(rows.size() - inserted);
        return inserted;
    }

    /**
     * Stores a label submitted over the API.
     *
     * @param idempotencyKey a UUID the client chose; the same key again answers the stored label, unchanged
     */
    public Submitted submit(LabelRequest request, String idempotencyKey) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.badRequest("A label needs a body.", List.of(new Problem.FieldError("", "is required")));
        }
        if (request.transactionId() == null || !IDENTIFIER.matcher(request.transactionId()).matches()) {
            errors.add(new Problem.FieldError("transactionId",
                    "is required: an identifier of 1 to 128 letters, digits or _.:=+/~- (never a card number)"));
        }
        LabelValue label = parse(LabelValue.class, request.label());
        if (label == null) {
            errors.add(new Problem.FieldError("label", "is required: FRAUD or LEGIT"));
        }
        LabelSource source = parse(LabelSource.class, request.source());
        if (source == null) {
            errors.add(new Problem.FieldError("source", "is required: IMPORT, CHARGEBACK, ANALYST or REVIEW"));
        }
        Instant now = clock.instant();
        if (request.observedAt() != null && request.observedAt().isAfter(now.plus(MAX_SKEW))) {
            errors.add(new Problem.FieldError("observedAt", "lies in the future"));
        }
        String eventId = idempotencyKey;
        if (eventId != null) {
            try {
                eventId = UUID.fromString(eventId).toString();
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("Idempotency-Key", "must be a UUID"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The label has invalid fields.", errors);
        }
        if (eventId == null) {
            eventId = UUID.randomUUID().toString();
        }
        LabelRow row = new LabelRow(eventId, request.transactionId(), label, source,
                request.observedAt() == null ? now : request.observedAt(), null, LabelRow.Channel.API);
        boolean created = recordAll(List.of(row)) == 1;
        LabelRow storedRow = store.byEventId(eventId).orElseThrow();
        if (!created && !sameLabel(storedRow, row, request.observedAt() == null)) {
            throw new ProblemException(409, "This Idempotency-Key was used for a different label.");
        }
        return new Submitted(created, LabelView.of(storedRow));
    }

    /**
     * How many labels of {@code source} (any if blank) arrived since {@code receivedSince}: {@code fraudctl train}
     * waits with it until an imported file's labels are all here.
     *
     * @throws ProblemException 400 for a missing or unreadable time or an unknown source
     */
    public LabelCount countReceived(String source, String receivedSince) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LabelSource parsedSource = null;
        if (source != null && !source.isBlank()) {
            try {
                parsedSource = LabelSource.valueOf(source);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("source",
                        "one of IMPORT, CHARGEBACK, ANALYST, REVIEW"));
            }
        }
        Instant since = null;
        try {
            since = receivedSince == null ? null : Instant.parse(receivedSince);
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        if (since == null) {
            errors.add(new Problem.FieldError("receivedSince",
                    "is required, an RFC 3339 instant such as 2025-01-01T00:00:00Z"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The label count query is not valid.", errors);
        }
        return new LabelCount(parsedSource == null ? null : parsedSource.name(), since,
                store.countReceived(parsedSource, since));
    }

    /** A count of labels received. */
    public record LabelCount(String source, Instant receivedSince, long count) {
    }

    /** A transaction's current label and history, if it has any label. */
    public Optional<LabelHistoryView> find(String transactionId) {
        List<LabelRow> history = store.history(transactionId);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        List<LabelView> views = history.stream().map(LabelView::of).toList();
        return Optional.of(new LabelHistoryView(transactionId, views.get(0), views));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }

    private static boolean sameLabel(LabelRow stored, LabelRow asked, boolean observedAtDefaulted) {
        return stored.transactionId().equals(asked.transactionId()) && stored.label() == asked.label()
                && stored.source() == asked.source()
                && (observedAtDefaulted || stored.observedAt().equals(asked.observedAt()));
    }

    /**
     * Outcome of a submission.
     *
     * @param created false when the Idempotency-Key was seen before
     * @param label   the stored label
     */
    public record Submitted(boolean created, LabelView label) {
    }
}
