package io.openfraud.ingestion.imports.rest;

import io.openfraud.ingestion.imports.persistence.ImportJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An import job as the API shows it.
 *
 * @param rowsPerSecond rows read per second since the job started (until it finished, or now)
 */
public record ImportView(long id, String format, String fileName, String status, long bytesReceived, long rowsRead,
        long accepted, long duplicates, long rejected, long malformed, long labelsPublished,
        Map<String, Long> rejectedByRule, Map<String, Long> malformedReasons, Instant createdAt, Instant startedAt,
        Instant finishedAt, Double rowsPerSecond, String error, String fileSha256) {

    static ImportView of(ImportJob job) {
        ImportJob.Counts c = job.counts();
        Double rate = null;
        if (job.startedAt() != null) {
            Instant end = job.finishedAt() != null ? job.finishedAt() : Instant.now();
            long millis = Math.max(1, Duration.between(job.startedAt(), end).toMillis());
            rate = Math.round(c.rowsRead() * 10_000.0 / millis) / 10.0;
        }
        return new ImportView(job.id(), job.format(), job.fileName(), job.status().name(), job.bytesReceived(),
                c.rowsRead(), c.accepted(), c.duplicates(), c.rejected(), c.malformed(), c.labelsPublished(),
                new TreeMap<>(c.rejectedByRule()), new TreeMap<>(c.malformedReasons()), job.createdAt(),
                job.startedAt(), job.finishedAt(), rate, job.error(), job.fileSha256());
    }
}
