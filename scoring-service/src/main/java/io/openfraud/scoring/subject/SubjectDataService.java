package io.openfraud.scoring.subject;

import io.openfraud.events.Services;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.subject.SubjectDataReport.SubjectRecord;
import io.openfraud.scoring.alerts.AlertCase;
import io.openfraud.scoring.alerts.AlertCaseStore;
import io.openfraud.scoring.alerts.AlertConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subject-data interface over what scoring holds per subject: the analyst cases opened by its REVIEW decisions
 * (score, decision, reason codes, model version) and their resolutions. Verdicts themselves are not kept here (they
 * travel on {@code transactions.scored}; ingestion and retraining keep theirs). The same operations carry out
 * governance's {@code gdpr.commands} ({@link #apply}).
 */
@ApplicationScoped
public class SubjectDataService {

    static final String STORE = "postgresql:scoring.alert_cases";
    static final String CASE_FIELDS = "transaction_id, score, decision, reasons, model_version, scorer, created_at";
    static final String RESOLUTION_FIELDS = "outcome, note, resolved_by, resolved_at";
    private static final String PURPOSE = "fraud prevention: analyst review of decisions";
    private static final String BASIS = "legitimate interest (Art. 6(1)(f))";

    private final AlertCaseStore store;
    private final AlertConfig config;
    private final Clock clock = Clock.systemUTC();

    SubjectDataService(AlertCaseStore store, AlertConfig config) {
        this.store = store;
        this.config = config;
    }

    public SubjectDataReport report(String pseudonym) {
        List<AlertCase> cases = store.ofSubject(pseudonym);
        List<SubjectRecord> records = new ArrayList<>();
        if (!cases.isEmpty()) {
            List<Map<String, Object>> data = new ArrayList<>();
            for (AlertCase c : cases) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("caseId", c.id());
                row.put("transactionId", c.transactionId());
                row.put("score", c.score());
                row.put("decision", c.decision().name());
                row.put("reasons", c.reasons().stream().map(r -> r.code()).toList());
                row.put("modelVersion", c.modelVersion());
                row.put("scorer", c.scorer().name());
                row.put("status", c.status().name());
                row.put("createdAt", c.createdAt().toString());
                if (c.resolvedAt() != null) {
                    row.put("outcome", c.outcome().name());
                    row.put("note", c.note());
                    row.put("resolvedAt", c.resolvedAt().toString());
                }
                data.add(row);
            }
            records.add(new SubjectRecord(STORE, "decision", PURPOSE, BASIS, retention(), Services.SCORING, false,
                    data));
        }
        return new SubjectDataReport(Services.SCORING, pseudonym, clock.instant(), records);
    }

    /** Deletes the subject's cases (with their resolutions); idempotent. */
    public ErasureReport erase(String pseudonym) {
        List<StoreEffect> effects = eraseEffects(pseudonym);
        return new ErasureReport(Services.SCORING, pseudonym, clock.instant(), effects);
    }

    /**
     * Carries out a data-subject command ({@code gdpr.commands}); idempotent. ERASE is {@link #erase}. RESTRICT, OBJECT
     * and LIFT_RESTRICTION keep the cases, which serve only fraud prevention (scoring neither trains nor exports; the
     * labels of resolved cases reach training through retraining, which joins them to ingestion's export, and
     * ingestion leaves a restricted subject out of it), and report them RETAINED until the queue's retention ends.
     */
    public List<StoreEffect> apply(Action action, String pseudonym) {
        return switch (action) {
            case ERASE -> eraseEffects(pseudonym);
            case RESTRICT, OBJECT, LIFT_RESTRICTION -> List.of(new StoreEffect(STORE, CASE_FIELDS + ", "
                    + RESOLUTION_FIELDS, store.ofSubject(pseudonym).size(), StoreEffect.Effect.RETAINED,
                    (action == Action.LIFT_RESTRICTION ? "processing resumed (restriction lifted); "
                            : "kept for fraud prevention only (legitimate interest, Art. 6(1)(f)); ")
                            + "scoring-service does no training and no exports; cases are deleted "
                            + config.retention().toDays() + " days after they were opened",
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(config.retention().toDays() + 1)));
        };
    }

    private List<StoreEffect> eraseEffects(String pseudonym) {
        AlertCaseStore.Erased erased = store.eraseSubject(pseudonym);
        return List.of(
                new StoreEffect(STORE, CASE_FIELDS, erased.cases(), StoreEffect.Effect.ERASED, null, null),
                new StoreEffect(STORE, RESOLUTION_FIELDS, erased.resolved(), StoreEffect.Effect.ERASED, null, null));
    }

    private String retention() {
        return config.retention().toDays() + " days after the case was opened";
    }
}
