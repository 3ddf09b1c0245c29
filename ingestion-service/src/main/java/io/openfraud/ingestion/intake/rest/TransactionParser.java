package io.openfraud.ingestion.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.service.QualityGate;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads a request body as a canonical transaction through the data-quality gate (the schema its
 * {@code schemaVersion} names, then the semantic rules). A record that fails a REJECT rule is a 400 problem naming
 * every failed rule and field (never a value); WARN rules let it through, named in its warnings.
 */
@ApplicationScoped
public class TransactionParser {

    private final QualityGate quality;
    private final MaskingService masking;

    TransactionParser(QualityGate quality, MaskingService masking) {
        this.quality = quality;
        this.masking = masking;
    }

    public Admitted parse(JsonNode body) {
        if (body == null) {
            throw ProblemException.badRequest("A transaction is required.", List.of());
        }
        QualityCheck.Outcome outcome = quality.evaluate(body, IntakeChannel.REST, () -> masking.maskRecord(body));
        if (!outcome.accepted()) {
            throw ProblemException.badRequest("The transaction has invalid fields.", outcome.rejections().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message(), v.ruleId())).distinct().toList());
        }
        return new Admitted(outcome.transaction().orElseThrow(), outcome.warnings(), outcome.schemaVersion(),
                quality.catalogue().version());
    }
}
