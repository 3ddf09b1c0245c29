package io.openfraud.ingestion.imports.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Bulk file imports: where uploads are spooled, how big they may be, how rows are written. */
@ConfigMapping(prefix = "openfraud.imports")
public interface ImportConfig {

    /** Rows per database transaction (one batched insert of the rows, one of their outbox events and labels). */
    @WithDefault("4000")
    int chunkSize();

    /** Import jobs run at the same time; further uploads wait as QUEUED. */
    @WithDefault("1")
    int workers();

    /** Where uploads are spooled before they are read; default {@code ${java.io.tmpdir}/openfraud-imports}. */
    Optional<Path> spoolDirectory();

    /** Largest upload accepted, in bytes as received (compressed if sent compressed); larger ones get 413. */
    @WithDefault("21474836480")
    long maxFileSize();

    /** Uploads waiting or running at once; more are refused with 503 (the spool is disk, not infinite). */
    @WithDefault("8")
    int maxPendingJobs();
}
