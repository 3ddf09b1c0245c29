package io.openfraud.ingestion.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.events.transaction.RejectedTransaction;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.events.transaction.RejectedTransaction.Severity;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.rules.RuleCatalogue;
import io.openfraud.ingestion.quality.service.QualityGate;
import io.openfraud.ingestion.quality.service.Rejections;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Many records at once, from a path with no caller waiting on each (a batch request, {@code transactions.raw}): every
 * record goes through the quality gate; the admitted ones are stored and published together, the rejected ones are
 * quarantined and published on {@code transactions.rejected}. One bad record never fails the others.
 */
@ApplicationScoped
public class BulkIntake {

    private final QualityGate quality;
    private final MaskingService masking;
    private final IntakeService intake;
    private final Rejections rejections;

    BulkIntake(QualityGate quality, MaskingService masking, IntakeService intake, Rejections rejections) {
        this.quality = quality;
        this.masking = masking;
        this.intake = intake;
        this.rejections = rejections;
    }

    /**
     * One record: its JSON, or {@code null} with the reason it could not be read (never quoting it).
     *
     * @param body       the record, or null if it was not JSON
     * @param unreadable why it could not be read, when {@code body} is null
     * @param source     its lineage
     */
    public record Item(JsonNode body, String unreadable, Source source) {
    }

    /** What became of a record. */
    public enum Status {
        ACCEPTED, DUPLICATE, REJECTED
    }

    /**
     * One record's result.
     *
     * @param index         its position in the input
     * @param transactionId its id, when readable and admissible
     * @param status        accepted, duplicate or rejected
     * @param violations    the rules it failed (REJECT and WARN)
     */
    public record Result(int index, String transactionId, Status status, List<RuleViolation> violations) {
    }

    public List<Result> process(List<Item> items, IntakeChannel channel) {
        Instant now = Instant.now();
        Result[] results = new Result[items.size()];
        List<IntakeService.Prepared> prepared = new ArrayList<>();
        List<Integer> preparedAt = new ArrayList<>();
        List<List<RuleViolation>> preparedWarnings = new ArrayList<>();
        List<RejectedTransaction> rejected = new ArrayList<>();
        List<String> rejectedRefs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            JsonNode body = item.body();
            QualityCheck.Outcome outcome = quality.evaluate(body, channel, () -> masking.maskRecord(body));
            List<RuleViolation> violations = outcome.violations();
            if (outcome.accepted()) {
                try {
                    Admitted admitted = new Admitted(outcome.transaction().orElseThrow(), outcome.warnings(),
                            outcome.schemaVersion(), quality.catalogue().version());
                    prepared.add(intake.prepare(admitted, item.source(), now));
                    preparedAt.add(i);
                    preparedWarnings.add(violations);
                    continue;
                } catch (ProblemException unmaskable) {
                    RuleViolation range = new RuleViolation(RuleCatalogue.RANGE, 1, "amount", Severity.REJECT,
                            "an amount or balance too large to hold in minor units");
                    violations = new ArrayList<>(violations);
                    violations.add(range);
                }
            } else if (body == null && item.unreadable() != null) {
                violations = List.of(new RuleViolation(RuleCatalogue.JSON, 1, "", Severity.REJECT,
                        item.unreadable()));
            }
            String id = readableId(body, violations);
            Map<String, Object> masked = masking.maskRecord(body);
            rejected.add(new RejectedTransaction(id, now, channel, violations, masked));
            rejectedRefs.add(item.source().ref());
            results[i] = new Result(i, id, Status.REJECTED, violations);
        }
        List<IntakeService.Outcome> stored = intake.acceptAll(prepared);
        for (int k = 0; k < stored.size(); k++) {
            int i = preparedAt.get(k);
            IntakeService.Prepared p = prepared.get(k);
            results[i] = new Result(i, p.validated().transaction().transactionId(),
                    stored.get(k) == IntakeService.Outcome.ACCEPTED ? Status.ACCEPTED : Status.DUPLICATE,
                    preparedWarnings.get(k));
        }
        rejections.record(rejected, rejectedRefs);
        return List.of(results);
    }

    /** The record's transactionId, unless it was the field at fault (it could be anything then). */
    private static String readableId(JsonNode body, List<RuleViolation> violations) {
        if (body == null || !body.path("transactionId").isTextual()
                || violations.stream().anyMatch(v -> v.field().equals("transactionId") || v.field().isEmpty()
                        && v.ruleId().equals(RuleCatalogue.JSON))) {
            return null;
        }
        return body.path("transactionId").asText();
    }
}
