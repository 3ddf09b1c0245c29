package io.openfraud.events;

import static io.openfraud.events.Services.EXTERNAL;
import static io.openfraud.events.Services.FEATURE;
import static io.openfraud.events.Services.GOVERNANCE;
import static io.openfraud.events.Services.INGESTION;
import static io.openfraud.events.Services.RETRAINING;
import static io.openfraud.events.Services.SCORING;

import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.ReviewedDecision;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.FraudAlert;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.events.transaction.ValidatedTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the platform, declared once. Services refer to these constants (and to the {@code *_NAME}
 * compile-time constants where an annotation needs one); {@code docs/contracts.md} documents the same table and a
 * test keeps the two in step.
 */
public final class Topics {

    private static final String PSEUDONYMS_ONLY = "pseudonyms and tokens only";

    public static final String TRANSACTIONS_RAW_NAME = "transactions.raw";
    public static final String TRANSACTIONS_VALIDATED_NAME = "transactions.validated";
    public static final String TRANSACTIONS_REJECTED_NAME = "transactions.rejected";
    public static final String TRANSACTIONS_ENRICHED_NAME = "transactions.enriched";
    public static final String TRANSACTIONS_SCORED_NAME = "transactions.scored";
    public static final String ALERTS_FRAUD_NAME = "alerts.fraud";
    public static final String LABELS_FEEDBACK_NAME = "labels.feedback";
    public static final String DECISIONS_REVIEWED_NAME = "decisions.reviewed";
    public static final String MODELS_LIFECYCLE_NAME = "models.lifecycle";
    public static final String GDPR_COMMANDS_NAME = "gdpr.commands";
    public static final String GDPR_EVENTS_NAME = "gdpr.events";

    /** Inbound canonical transactions from payment systems inside the cardholder-data zone. */
    public static final Topic<Transaction> TRANSACTIONS_RAW = new Topic<>(TRANSACTIONS_RAW_NAME,
            "client transactionId", Transaction.class, "transaction.raw", 2, "transactions.raw.schema.json",
            List.of(EXTERNAL), List.of(INGESTION), 12, Duration.ofHours(24),
            "full card number, CVV and client identifiers (cardholder-data zone; the one exception)");

    /** Masked transactions that passed data-quality rules, from every intake path. */
    public static final Topic<ValidatedTransaction> TRANSACTIONS_VALIDATED = new Topic<>(
            TRANSACTIONS_VALIDATED_NAME, "customer pseudonym", ValidatedTransaction.class, "transaction.validated", 1,
            "transactions.validated.schema.json", List.of(INGESTION), List.of(FEATURE, RETRAINING), 12,
            Duration.ofDays(7), PSEUDONYMS_ONLY);

    /** Records that failed a reject-severity data-quality rule, masked, with the rule ids. */
    public static final Topic<RejectedTransaction> TRANSACTIONS_REJECTED = new Topic<>(TRANSACTIONS_REJECTED_NAME,
            "transactionId (or event id if unreadable)", RejectedTransaction.class, "transaction.rejected", 1,
            "transactions.rejected.schema.json", List.of(INGESTION), List.of(), 3, Duration.ofDays(30),
            PSEUDONYMS_ONLY + " (masked record)");

    /** Feature vectors computed from entity state strictly before each transaction. */
    public static final Topic<EnrichedTransaction> TRANSACTIONS_ENRICHED = new Topic<>(TRANSACTIONS_ENRICHED_NAME,
            "customer pseudonym", EnrichedTransaction.class, "transaction.enriched", 1,
            "transactions.enriched.schema.json", List.of(FEATURE), List.of(SCORING, RETRAINING), 12,
            Duration.ofDays(7), PSEUDONYMS_ONLY);

    /** Verdicts on every transaction, from both paths. */
    public static final Topic<ScoredTransaction> TRANSACTIONS_SCORED = new Topic<>(TRANSACTIONS_SCORED_NAME,
            "customer pseudonym", ScoredTransaction.class, "transaction.scored", 1,
            "transactions.scored.schema.json", List.of(SCORING), List.of(INGESTION, GOVERNANCE, RETRAINING), 12,
            Duration.ofDays(7), PSEUDONYMS_ONLY);

    /** REVIEW and DECLINE verdicts, for analysts. */
    public static final Topic<FraudAlert> ALERTS_FRAUD = new Topic<>(ALERTS_FRAUD_NAME, "customer pseudonym",
            FraudAlert.class, "alert.fraud", 1, "alerts.fraud.schema.json", List.of(SCORING), List.of(GOVERNANCE), 3,
            Duration.ofDays(30), PSEUDONYMS_ONLY);

    /** Ground truth: imported labels, chargebacks, analyst and review outcomes. */
    public static final Topic<LabelFeedback> LABELS_FEEDBACK = new Topic<>(LABELS_FEEDBACK_NAME, "transactionId",
            LabelFeedback.class, "label.feedback", 1, "labels.feedback.schema.json",
            List.of(INGESTION, SCORING, GOVERNANCE), List.of(RETRAINING), 6, Duration.ofDays(30), PSEUDONYMS_ONLY);

    /** Human reviews of automated decisions. */
    public static final Topic<ReviewedDecision> DECISIONS_REVIEWED = new Topic<>(DECISIONS_REVIEWED_NAME,
            "transactionId", ReviewedDecision.class, "decision.reviewed", 1, "decisions.reviewed.schema.json",
            List.of(SCORING, GOVERNANCE), List.of(INGESTION, GOVERNANCE, RETRAINING), 3, Duration.ofDays(30),
            PSEUDONYMS_ONLY);

    /** Model registry changes: registered, challenger, champion, retired. */
    public static final Topic<ModelLifecycleEvent> MODELS_LIFECYCLE = new Topic<>(MODELS_LIFECYCLE_NAME,
            "model name", ModelLifecycleEvent.class, "model.lifecycle", 1, "models.lifecycle.schema.json",
            List.of(RETRAINING), List.of(SCORING, GOVERNANCE), 1, Duration.ofDays(365), "none");

    /** Data-subject commands from governance to every service. */
    public static final Topic<GdprCommand> GDPR_COMMANDS = new Topic<>(GDPR_COMMANDS_NAME, "subject pseudonym",
            GdprCommand.class, "gdpr.command", 1, "gdpr.commands.schema.json", List.of(GOVERNANCE),
            List.of(INGESTION, FEATURE, SCORING, RETRAINING), 3, Duration.ofDays(30), PSEUDONYMS_ONLY);

    /** Services' answers to data-subject commands, with per-store evidence. */
    public static final Topic<GdprEvent> GDPR_EVENTS = new Topic<>(GDPR_EVENTS_NAME, "requestId", GdprEvent.class,
            "gdpr.event", 1, "gdpr.events.schema.json", List.of(INGESTION, FEATURE, SCORING, RETRAINING),
            List.of(GOVERNANCE), 3, Duration.ofDays(30), PSEUDONYMS_ONLY);

    /** Every topic, in documentation order. */
    public static final List<Topic<?>> ALL = List.of(TRANSACTIONS_RAW, TRANSACTIONS_VALIDATED, TRANSACTIONS_REJECTED,
            TRANSACTIONS_ENRICHED, TRANSACTIONS_SCORED, ALERTS_FRAUD, LABELS_FEEDBACK, DECISIONS_REVIEWED,
            MODELS_LIFECYCLE, GDPR_COMMANDS, GDPR_EVENTS);

    private Topics() {
    }

    /** The topic called {@code name}, if it is declared. */
    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every dead-letter topic: one per consumed topic. */
    public static List<String> deadLetterTopics() {
        return ALL.stream().filter(Topic::hasDeadLetterTopic).map(Topic::dlqName).toList();
    }

    /**
     * The declared topic that {@code name} is, or whose dead-letter topic it is: a dead-letter topic holds copies of
     * its topic's records and so keeps its retention.
     */
    public static Optional<Topic<?>> declaring(String name) {
        String served = name.endsWith(Topic.DLQ_SUFFIX)
                ? name.substring(0, name.length() - Topic.DLQ_SUFFIX.length()) : name;
        return byName(served).filter(t -> name.equals(t.name()) || t.hasDeadLetterTopic());
    }

    /** Every topic name to create, dead-letter topics included. */
    public static List<String> allTopicNames() {
        return java.util.stream.Stream.concat(ALL.stream().map(Topic::name), deadLetterTopics().stream()).toList();
    }
}
