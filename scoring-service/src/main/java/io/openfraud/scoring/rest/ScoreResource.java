package io.openfraud.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.scoring.alerts.AlertQueue;
import io.openfraud.scoring.features.FeatureClient;
import io.openfraud.scoring.model.ModelVerdicts;
import io.openfraud.scoring.rules.RulesVerdicts;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Synchronous scoring for ingestion's authorisation path. Internal: it takes masked transactions only, and a body
 * that carries a raw card number (or anything else the masked-transaction schema refuses) is rejected with 400
 * naming the fields, never echoing their values. A REVIEW decision opens an analyst case ({@link AlertQueue}); if the
 * case store fails the verdict is still returned (scoring never answers 500 for it), and the SYNC copy of the
 * transaction on {@code transactions.enriched} opens the case later.
 */
@Path("/api/v1/score")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {

    static final String MASKED_SCHEMA = "masked-transaction-v1.schema.json";
    private static final Logger LOG = Logger.getLogger(ScoreResource.class);

    private final ModelVerdicts scorer;
    private final RulesVerdicts rules;
    private final FeatureClient features;
    private final ObjectMapper mapper;
    private final AlertQueue queue;

    ScoreResource(ModelVerdicts scorer, RulesVerdicts rules, FeatureClient features, ObjectMapper mapper,
            AlertQueue queue) {
        this.scorer = scorer;
        this.rules = rules;
        this.features = features;
        this.mapper = mapper;
        this.queue = queue;
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Score one masked transaction", description = "Returns score, decision, reasons, model "
            + "version and scorer. Raw card numbers are refused.")
    public Verdict score(JsonNode body) {
        if (body == null) {
            throw ProblemException.badRequest("A masked transaction is required.", List.of());
        }
        List<SchemaViolation> violations = SchemaValidator.shared().validate(MASKED_SCHEMA, body);
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Only masked transactions can be scored.", violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).distinct().toList());
        }
        MaskedTransaction transaction = mapper.convertValue(body, MaskedTransaction.class);
        Verdict verdict = features.vector(transaction)
                .map(vector -> scorer.score(vector.features(), vector.featureSetVersion(), List.of(),
                        ModelVerdicts.Path.REST))
                // Without the vector, the rules score what the transaction itself says, and say so.
                .orElseGet(() -> rules.score(Map.of("amount_log", Math.log1p(transaction.amountMinor() / 100.0)),
                        "none", List.of(RulesVerdicts.NO_FEATURES)));
        if (transaction.customer() != null) {
            try {
                queue.onDecision(transaction.transactionId(), transaction.customer().pseudonym(), verdict);
            } catch (RuntimeException e) {
                LOG.warnf("no analyst case opened on the REST path (%s); the stream's SYNC copy will open it",
                        e.getClass().getSimpleName());
            }
        }
        return verdict;
    }
}
