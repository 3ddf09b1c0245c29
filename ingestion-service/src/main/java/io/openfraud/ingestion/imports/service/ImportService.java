package io.openfraud.ingestion.imports.service;

import io.openfraud.formats.FileFormat;
import io.openfraud.ingestion.imports.persistence.ImportJob;
import io.openfraud.ingestion.imports.persistence.ImportJobStore;
import io.openfraud.web.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Bulk file imports. An upload is spooled to a file under the spool directory as it arrives (never held in memory,
 * kept compressed if it was sent compressed), a QUEUED job is recorded, and the request is answered; a worker then
 * reads the spooled file ({@link ImportJobRunner}) and deletes it. Spooling decouples the client's connection from
 * the import: a multi-GB file is received at network speed, the client can poll or go away, and a slow database does
 * not hold an HTTP request open for an hour.
 *
 * <p>Jobs do not survive a restart (the spool is local disk): jobs a previous process left QUEUED or RUNNING are marked
 * FAILED at start. Importing the file again finishes the work, since rows already stored are duplicates.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int BUFFER = 1 << 16;

    private final ImportConfig config;
    private final ImportJobStore jobs;
    private final ImportJobRunner runner;
    private final Path spool;
    private final ExecutorService workers;
    private final AtomicInteger pending = new AtomicInteger();

    ImportService(ImportConfig config, ImportJobStore jobs, ImportJobRunner runner) {
        this.config = config;
        this.jobs = jobs;
        this.runner = runner;
        this.spool = config.spoolDirectory()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "openfraud-imports"));
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workers(), task -> {
            Thread thread = new Thread(task, "import-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent start) throws IOException {
        Files.createDirectories(spool);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(spool, "import-*.upload")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        int failed = jobs.failUnfinished(Instant.now(),
                "interrupted by a restart of the service; import the file again (stored rows are skipped)");
        if (failed > 0) {
            LOG.warnf("%d import job(s) left unfinished by a previous run marked FAILED", failed);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Spools {@code body} and queues its import; returns the QUEUED job.
     *
     * @param declaredGzip whether the request said {@code Content-Encoding: gzip} (a gzip magic number is detected
     *                     anyway)
     * @throws ProblemException 413 for a file over the limit, 503 when too many imports wait, 400 if the upload broke
     */
    public ImportJob submit(FileFormat format, String fileName, InputStream body, boolean declaredGzip,
            String requestedBy) {
        if (pending.incrementAndGet() > config.maxPendingJobs()) {
            pending.decrementAndGet();
            throw new ProblemException(503, "Too many imports are waiting; try again when one has finished.");
        }
        long id;
        Path file;
        try {
            id = jobs.create(format.id(), fileName, requestedBy);
            file = spool(id, body);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            throw e;
        }
        // The job as queued, read before the worker may start it: the answer says QUEUED, whatever happens next.
        ImportJob queued = jobs.find(id).orElseThrow();
        try {
            workers.execute(() -> {
                try {
                    runner.run(id, format, file, declaredGzip);
                } finally {
                    pending.decrementAndGet();
                    delete(file);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            delete(file);
            jobs.failed(id, Instant.now(), "the service is shutting down");
            throw new ProblemException(503, "The service is shutting down.");
        }
        return queued;
    }

    public Optional<ImportJob> find(long id) {
        return jobs.find(id);
    }

    private Path spool(long id, InputStream body) {
        Path file;
        try {
            file = Files.createTempFile(spool, "import-" + id + "-", ".upload");
        } catch (IOException e) {
            jobs.failed(id, Instant.now(), "cannot create the spool file");
            throw new UncheckedIOException("cannot create a spool file in " + spool, e);
        }
        long bytes = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes += n;
                if (bytes > config.maxFileSize()) {
                    delete(file);
                    jobs.failed(id, Instant.now(), "the file is larger than " + config.maxFileSize() + " bytes");
                    throw new ProblemException(413, "The file is larger than the limit of " + config.maxFileSize()
                            + " bytes (openfraud.imports.max-file-size).");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            delete(file);
            jobs.failed(id, Instant.now(), "the upload was interrupted after " + bytes + " bytes");
            throw new ProblemException(400, "The upload was interrupted; send the file again.");
        }
        jobs.received(id, bytes);
        return file;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete the spool file %s", file);
        }
    }
}
