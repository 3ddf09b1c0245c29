package io.openfraud.ingestion.intake.service;

/**
 * Where a stored row came from, for its lineage.
 *
 * @param kind API (one transaction or authorisation), BATCH (a batch request), FILE (an import job) or KAFKA
 * @param ref  the batch request, the import job and row ({@code imp-42:1017}), or the partition and offset
 *             ({@code transactions.raw-3@1234}); {@code null} for a single API call
 */
public record Source(Kind kind, String ref) {

    /** The intake paths. */
    public enum Kind {
        API, BATCH, FILE, KAFKA
    }

    public static final Source API = new Source(Kind.API, null);
}
