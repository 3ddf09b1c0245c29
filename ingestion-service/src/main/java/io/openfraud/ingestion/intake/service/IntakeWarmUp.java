package io.openfraud.ingestion.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.ingestion.intake.rest.TransactionParser;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The intake's hot path with a synthetic transfer: schema validation and parsing, masking (the keyed MACs), a
 * lookup in PostgreSQL (ORM and connection pool) and the JSON of what is published. Stores and publishes nothing.
 */
@ApplicationScoped
public class IntakeWarmUp implements WarmUpTask {

    private static final String TRANSFER = """
            {"transactionId":"warm-up","timestamp":"2025-01-01T00:00:00Z","type":"TRANSFER","amount":1.00,
             "currency":"EUR","customer":{"id":"warm-up"},"counterparty":{"id":"warm-up"}}""";

    private final TransactionParser parser;
    private final IntakeService intake;
    private final ObjectMapper mapper;
    private final JsonNode body;

    IntakeWarmUp(TransactionParser parser, IntakeService intake, ObjectMapper mapper) throws Exception {
        this.parser = parser;
        this.intake = intake;
        this.mapper = mapper;
        this.body = mapper.readTree(TRANSFER);
    }

    @Override
    public String name() {
        return "intake";
    }

    @Override
    public void run() throws Exception {
        MaskedTransaction masked = intake.mask(parser.parse(body));
        intake.find(masked.transactionId());
        mapper.writeValueAsBytes(masked);
    }
}
