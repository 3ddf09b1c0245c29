package io.openfraud.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.scoring.features.FeatureVector;
import io.openfraud.scoring.rules.RulesVerdicts;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The synchronous scoring path on a synthetic masked transfer: schema validation, mapping, rules and the verdict's JSON. */
@ApplicationScoped
public class ScoringWarmUp implements WarmUpTask {

    private static final String MASKED = """
            {"transactionId":"warm-up","timestamp":"2025-01-01T00:00:00Z","type":"TRANSFER","amountMinor":100,
             "currency":"EUR","customer":{"pseudonym":"cus_warmup0"},"counterparty":{"pseudonym":"cus_warmup1"}}""";

    private final RulesVerdicts scorer;
    private final ObjectMapper mapper;
    private final JsonNode body;

    ScoringWarmUp(RulesVerdicts scorer, ObjectMapper mapper) throws Exception {
        this.scorer = scorer;
        this.mapper = mapper;
        this.body = mapper.readTree(MASKED);
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public void run() throws Exception {
        if (!SchemaValidator.shared().validate(ScoreResource.MASKED_SCHEMA, body).isEmpty()) {
            throw new IllegalStateException("the warm-up transaction does not validate");
        }
        MaskedTransaction transaction = mapper.convertValue(body, MaskedTransaction.class);
        Map<String, Double> features = Map.of("amount_log", Math.log1p(transaction.amountMinor() / 100.0),
                "customer_txn_count", 0.0);
        mapper.writeValueAsBytes(scorer.score(features, "warm-up", List.of()));
        mapper.readValue("{\"featureSetVersion\":\"warm-up\",\"features\":{\"amount_log\":0.5}}", FeatureVector.class);
    }
}
