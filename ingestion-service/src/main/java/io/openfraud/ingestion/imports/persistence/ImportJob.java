package io.openfraud.ingestion.imports.persistence;

import java.time.Instant;
import java.util.Map;

/**
 * One import job as stored.
 *
 * @param counts    the rows so far (as committed)
 * @param fileSha256 SHA-256 of the file's content after decompression, once read to the end
 */
public record ImportJob(long id, String format, String fileName, Status status, long bytesReceived, Counts counts,
        Instant createdAt, Instant startedAt, Instant finishedAt, String error, String fileSha256) {

    /** Life cycle: QUEUED (spooled, waiting for a worker), RUNNING, then COMPLETED or FAILED. */
    public enum Status {
        QUEUED, RUNNING, COMPLETED, FAILED
    }

    /**
     * What happened to the rows read so far.
     *
     * @param rowsRead         data rows read (header and blank lines not counted)
     * @param accepted         stored and published
     * @param duplicates       already stored (a re-import): neither stored nor published again
     * @param rejected         refused by the data-quality gate (or by masking)
     * @param malformed        could not be read as a transaction
     * @param labelsPublished  labels put on {@code labels.feedback}
     * @param rejectedByRule   rule id to rows it rejected
     * @param malformedReasons reason ({@code amount: not a number}, never a value) to rows
     */
    public record Counts(long rowsRead, long accepted, long duplicates, long rejected, long malformed,
            long labelsPublished, Map<String, Long> rejectedByRule, Map<String, Long> malformedReasons) {

        public Counts {
            rejectedByRule = Map.copyOf(rejectedByRule);
            malformedReasons = Map.copyOf(malformedReasons);
        }

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, Map.of(), Map.of());
    }
}
