package io.openfraud.ingestion.intake.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.quality.service.QualityGate;
import io.openfraud.web.warmup.WarmUpTask;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The intake's hot path with a synthetic transfer: the data-quality rules (not counted), masking (the keyed MACs), a
 * lookup in PostgreSQL (ORM and connection pool) and the JSON of what is published. Stores and publishes nothing.
 */
@ApplicationScoped
public class IntakeWarmUp implements WarmUpTask {

    private static final String TRANSFER = """
            {"transactionId":"warm-up","timestamp":"2025-01-01T00:00:00Z","type":"TRANSFER","amount":1.00,
             "currency":"EUR","customer":{"id":"warm-up"},"counterparty":{"id":"warm-up"}}""";

    private final QualityGate quality;
    private final MaskingService masking;
    private final IntakeService intake;
    private final ObjectMapper mapper;
    private final JsonNode body;

    IntakeWarmUp(QualityGate quality, MaskingService masking, IntakeService intake, ObjectMapper mapper)
            throws Exception {
        this.quality = quality;
        this.masking = masking;
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
        MaskedTransaction masked = intake.mask(quality.dryRun(body).transaction().orElseThrow());
        masking.maskRecord(body);
        intake.find(masked.transactionId());
        mapper.writeValueAsBytes(masked);
    }
}
