package io.openfraud.ingestion.intake.service;

import io.openfraud.events.transaction.Transaction;
import java.util.List;

/**
 * A transaction the data-quality gate let in, with what its lineage records of the gate.
 *
 * @param transaction    the transaction (a v1 document read as v1)
 * @param warnings       ids of the WARN rules it failed
 * @param schemaVersion  the canonical schema version it was read with
 * @param ruleSetVersion the rule set that admitted it
 */
public record Admitted(Transaction transaction, List<String> warnings, int schemaVersion, String ruleSetVersion) {

    public Admitted {
        warnings = List.copyOf(warnings);
    }
}
