package io.openfraud.ingestion.imports.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.TransactionReader;
import io.openfraud.ingestion.imports.persistence.ImportJob.Counts;
import io.openfraud.ingestion.imports.persistence.ImportJobStore;
import io.openfraud.ingestion.intake.service.Admitted;
import io.openfraud.ingestion.intake.service.IntakeService;
import io.openfraud.ingestion.intake.service.IntakeService.Outcome;
import io.openfraud.ingestion.intake.service.IntakeService.Prepared;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.ingestion.masking.MaskingService;
import io.openfraud.ingestion.quality.rules.QualityCheck;
import io.openfraud.ingestion.quality.service.QualityGate;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jboss.logging.Logger;

/**
 * Reads one spooled file and imports its rows: each row through the data-quality gate (channel FILE) and masking,
 * then chunks of {@link ImportConfig#chunkSize()} rows stored with their {@code transactions.validated} events, their
 * labels on {@code labels.feedback} and the job's counts, all in one database transaction per chunk. While a chunk is
 * written (on a writer thread), the next one is read and validated, so the database and the CPU work overlap.
 *
 * <p>A malformed or rejected row is counted (by reason or rule) and skipped: bad rows never fail a job. An input that
 * cannot be read to its end (a truncated or corrupt gzip stream, a disk error) fails it, with a reason; the chunks
 * committed before stay, and importing the file again stores only what is missing. Rows are never logged.
 */
@ApplicationScoped
public class ImportJobRunner {

    private static final Logger LOG = Logger.getLogger(ImportJobRunner.class);
    /** Distinct malformed reasons or rejecting rules counted by name; the rest are counted under "other". */
    private static final int MAX_REASONS = 50;
    /** CPU time of the reader and writer threads, for the job's timings (what a row costs, whatever else runs). */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private final ImportConfig config;
    private final ImportJobStore jobs;
    private final QualityGate gate;
    private final MaskingService masking;
    private final IntakeService intake;
    private final ObjectMapper json = EventJson.newMapper();

    ImportJobRunner(ImportConfig config, ImportJobStore jobs, QualityGate gate, MaskingService masking,
            IntakeService intake) {
        this.config = config;
        this.jobs = jobs;
        this.gate = gate;
        this.masking = masking;
        this.intake = intake;
    }

    /** Imports the spooled {@code file} of job {@code id}; the job ends COMPLETED or FAILED, never throws. */
    public void run(long id, FileFormat format, Path file, boolean declaredGzip) {
        jobs.started(id, Instant.now());
        ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "import-writer-" + id);
            thread.setDaemon(true);
            return thread;
        });
        Job job = new Job(id, writer);
        long start = System.nanoTime();
        long startCpu = CPU.getCurrentThreadCpuTime();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream content = open(file, declaredGzip);
                    TransactionReader reader = format.open(new DigestInputStream(content, sha256),
                            FormatOptions.defaults().withSourceName("import " + id))) {
                while (reader.hasNext()) {
                    job.read(reader.next());
                    if (job.chunk.size() >= config.chunkSize()) {
                        job.flush();
                    }
                }
            }
            job.flush();
            job.awaitWrite();
            jobs.completed(id, Instant.now(), HexFormat.of().formatHex(sha256.digest()));
            LOG.infof("import %d completed: %s", id, job.timings(System.nanoTime() - start,
                    CPU.getCurrentThreadCpuTime() - startCpu));
        } catch (UncheckedIOException | IOException e) {
            job.awaitWriteQuietly();
            jobs.failed(id, Instant.now(), "the file could not be read to its end (" + describe(e) + "); rows "
                    + "before that point were stored: import the whole file again to finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.failed(id, Instant.now(), "interrupted: the service is shutting down");
        } catch (ExecutionException | RuntimeException | NoSuchAlgorithmException e) {
            job.awaitWriteQuietly();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // The class only: messages of database or mapping errors may quote values.
            LOG.errorf("import %d failed: %s", id, cause.getClass().getName());
            jobs.failed(id, Instant.now(), "internal error (" + cause.getClass().getSimpleName()
                    + "); rows before that point were stored: import the file again to finish");
        } finally {
            writer.shutdownNow();
        }
    }

    /** The file's content: decompressed if it is gzip (magic number), whatever the request said. */
    private static InputStream open(Path file, boolean declaredGzip) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (declaredGzip && !gzip) {
            in.close();
            throw new ZipException("declared Content-Encoding gzip, but the content is not gzip");
        }
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof EOFException) {
            return "unexpected end of input: a truncated upload or gzip stream";
        }
        if (cause instanceof ZipException) {
            return "corrupt gzip stream" + (cause.getMessage() != null && cause.getMessage().startsWith("declared")
                    ? ": " + cause.getMessage() : "");
        }
        return "I/O error " + cause.getClass().getSimpleName();
    }

    /** The state of one running import: counts and the chunk being filled; the writer thread owns the totals. */
    private final class Job {
        private final long id;
        private final ExecutorService writer;
        private List<Prepared> chunk = new ArrayList<>();
        private List<LabelValue> labels = new ArrayList<>();
        private long rowsRead;
        private long rejected;
        private long malformed;
        private final Map<String, Long> rejectedByRule = new HashMap<>();
        private final Map<String, Long> malformedReasons = new HashMap<>();
        private Future<?> write;
        private long gateNanos;
        private long maskNanos;
        private long waitNanos;
        // Owned by the writer thread (handed over through the Future).
        private long storeNanos;
        private long storeCpuNanos;
        private final IntakeService.WriteTimes writeTimes = new IntakeService.WriteTimes();
        private long accepted;
        private long duplicates;
        private long labelsPublished;

        Job(long id, ExecutorService writer) {
            this.id = id;
            this.writer = writer;
        }

        void read(ParsedRow row) {
            rowsRead++;
            if (row instanceof ParsedRow.Malformed bad) {
                malformed++;
                count(malformedReasons, bad.reason());
                return;
            }
            ParsedRow.Parsed parsed = (ParsedRow.Parsed) row;
            long t0 = System.nanoTime();
            QualityCheck.Outcome outcome = gate.evaluateTyped(parsed.transaction(), IntakeChannel.FILE,
                    () -> masking.maskRecord(json.valueToTree(parsed.transaction())));
            long t1 = System.nanoTime();
            gateNanos += t1 - t0;
            if (!outcome.accepted()) {
                reject(outcome.rejections().stream().map(RuleViolation::ruleId).findFirst().orElse("DQ-SCHEMA"));
                return;
            }
            Admitted admitted = new Admitted(outcome.transaction().orElseThrow(), outcome.warnings(),
                    outcome.schemaVersion(), gate.catalogue().version());
            try {
                chunk.add(intake.prepare(admitted, new Source(Source.Kind.FILE, "imp-" + id + ":" + row.rowNumber()),
                        Instant.now()));
                maskNanos += System.nanoTime() - t1;
            } catch (ProblemException e) {
                // Masking refused it (an amount beyond the minor-unit range): the field, never the value.
                reject(e.errors().isEmpty() ? "MASKING" : "MASKING:" + e.errors().get(0).field());
                return;
            }
            labels.add(parsed.label().orElse(null));
        }

        private void reject(String rule) {
            rejected++;
            count(rejectedByRule, rule);
        }

        /** Hands the current chunk to the writer, after the previous one is committed. */
        void flush() throws InterruptedException, ExecutionException {
            awaitWrite();
            List<Prepared> items = chunk;
            List<LabelValue> itemLabels = labels;
            Counts readSide = new Counts(rowsRead, 0, 0, rejected, malformed, 0, rejectedByRule, malformedReasons);
            chunk = new ArrayList<>(config.chunkSize());
            labels = new ArrayList<>(config.chunkSize());
            write = writer.submit(() -> store(items, itemLabels, readSide));
        }

        private void store(List<Prepared> items, List<LabelValue> itemLabels, Counts readSide) {
            long start = System.nanoTime();
            long startCpu = CPU.getCurrentThreadCpuTime();
            intake.acceptChunk(items, (outcomes, batch) -> {
                Instant now = Instant.now();
                long feedback = 0;
                long newRows = 0;
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) != Outcome.ACCEPTED) {
                        continue;
                    }
                    newRows++;
                    LabelValue label = itemLabels.get(i);
                    if (label != null) {
                        String transactionId = items.get(i).validated().transaction().transactionId();
                        batch.add(Topics.LABELS_FEEDBACK, transactionId,
                                new LabelFeedback(transactionId, label, LabelSource.IMPORT, now), now);
                        feedback++;
                    }
                }
                // Totals change only once the transaction is past its last statement; a failure fails the job.
                long acceptedTotal = accepted + newRows;
                long duplicatesTotal = duplicates + outcomes.size() - newRows;
                long labelsTotal = labelsPublished + feedback;
                jobs.updateCounts(id, new Counts(readSide.rowsRead(), acceptedTotal, duplicatesTotal,
                        readSide.rejected(), readSide.malformed(), labelsTotal, readSide.rejectedByRule(),
                        readSide.malformedReasons()));
                accepted = acceptedTotal;
                duplicates = duplicatesTotal;
                labelsPublished = labelsTotal;
            }, writeTimes);
            storeNanos += System.nanoTime() - start;
            storeCpuNanos += CPU.getCurrentThreadCpuTime() - startCpu;
        }

        void awaitWrite() throws InterruptedException, ExecutionException {
            if (write != null) {
                long start = System.nanoTime();
                write.get();
                waitNanos += System.nanoTime() - start;
            }
        }

        /** Where the time went (the writer overlaps the reader: waiting for it means the database is the limit). */
        String timings(long totalNanos, long readerCpuNanos) {
            long read = totalNanos - gateNanos - maskNanos - waitNanos;
            return String.format(java.util.Locale.ROOT, "%d rows in %d ms: read+parse %d ms, gate (schema and "
                    + "rules) %d ms, mask %d ms, waiting for the writer %d ms; writer (store+outbox+labels) %d ms = "
                    + "rows (COPY) %d + vault %d + events (encode, outbox row) %d + labels and counts %d + commit %d; "
                    + "CPU time: reader %d ms, writer %d ms (the rest of its time waits for the database)",
                    rowsRead, totalNanos / 1_000_000, read / 1_000_000, gateNanos / 1_000_000,
                    maskNanos / 1_000_000, waitNanos / 1_000_000, storeNanos / 1_000_000,
                    writeTimes.rows / 1_000_000, writeTimes.vault / 1_000_000, writeTimes.events / 1_000_000,
                    writeTimes.alongside / 1_000_000, writeTimes.commit / 1_000_000, readerCpuNanos / 1_000_000,
                    storeCpuNanos / 1_000_000);
        }

        void awaitWriteQuietly() {
            try {
                awaitWrite();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // already failing; the first reason is reported
            }
        }

        private static void count(Map<String, Long> counts, String key) {
            String name = counts.containsKey(key) || counts.size() < MAX_REASONS ? key : "other";
            counts.merge(name, 1L, Long::sum);
        }
    }

}
