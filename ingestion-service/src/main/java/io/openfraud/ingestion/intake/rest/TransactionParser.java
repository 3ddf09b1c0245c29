package io.openfraud.ingestion.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.contract.SchemaViolation;
import io.openfraud.events.transaction.Transaction;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads a request body as a canonical transaction, checked against the schema its {@code schemaVersion} names
 * ({@code transaction-v1.schema.json} when absent, or {@code transaction-v2.schema.json}); a bad one is
 * a 400 naming every bad field (never its value).
 */
@ApplicationScoped
public class TransactionParser {

    private final ObjectMapper mapper;

    TransactionParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Transaction parse(JsonNode body) {
        if (body == null) {
            throw ProblemException.badRequest("A transaction is required.", List.of());
        }
        List<SchemaViolation> violations = SchemaValidator.shared().validateTransaction(body);
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The transaction has invalid fields.", violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).distinct().toList());
        }
        Transaction transaction = mapper.convertValue(body, Transaction.class);
        // A version 1 reader ignores the fields it does not know and never forwards them.
        return SchemaValidator.TRANSACTION_V1.equals(SchemaValidator.transactionSchema(body).orElse(null))
                ? transaction.asVersion1() : transaction;
    }
}
