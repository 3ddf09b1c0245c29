package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.TransactionReader;
import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.imports.ImportClient;
import io.openfraud.fraudctl.imports.ImportCommand;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.score.CachedToken;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fraudctl train --format paysim|sparkov FILE}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model version on a labelled file through the running platform: imports the file "
                + "through ingestion-service (masked; its labels published on labels.feedback), waits until "
                + "retraining-service has received all of the import's labels (GET /api/v1/labels/count), starts a "
                + "training run over the file's event-time window (POST /api/v1/training-runs), follows its progress "
                + "and prints its report: the model's and the rules fallback's metrics on the same test slice, "
                + "counts, the registered version and the promotion gate's decision (champion or challenger).",
            "Exit code 0 when the run SUCCEEDED; 1 if the import, the label wait or the run failed or timed out, or "
                + "the platform could not be reached; 2 for a usage error."})
public class TrainCommand implements Callable<Integer> {

    /** Something failed or timed out. */
    public static final int FAILED = 1;

    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "paysim or sparkov (or ndjson with labels).")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The labelled file (plain or .gz).")
    Path file;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "ingestion-service (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--retraining-url", defaultValue = "http://localhost:8084", paramLabel = "URL",
            description = "retraining-service (default ${DEFAULT-VALUE}).")
    URI retrainingUrl;

    @Option(names = "--timeout", defaultValue = "6h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "For each step: the import, the labels' arrival, the training run "
                    + "(default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The file's labelled rows and their event-time window. */
    record FileWindow(long labelled, Instant first, Instant last) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        FileFormat parsed;
        try {
            parsed = FileFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "unknown --format; expected paysim, sparkov or ndjson");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "no readable file " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TokenIssuer issuer = new TokenIssuer(InstallKeys.ensure(home.keys()).loadJwtPrivateKey(), Clock.systemUTC());
        ImportClient ingestion = new ImportClient(url,
                new CachedToken(issuer, "fraudctl-train", Set.of(Role.SERVICE), Clock.systemUTC()));
        RetrainingClient retraining = new RetrainingClient(retrainingUrl,
                new CachedToken(issuer, "fraudctl-train", Set.of(Role.ADMIN), Clock.systemUTC()));
        try {
            FileWindow window = window(parsed, file);
            if (window.labelled() == 0) {
                err.println("train: " + file + " has no labelled row");
                err.flush();
                return FAILED;
            }
            retraining.models(); // fail before importing if retraining-service is down
            err.printf("%s: %d labelled rows from %s to %s%n", file.getFileName(), window.labelled(), window.first(),
                    window.last());
            err.flush();
            Instant since = Instant.now().minusSeconds(1);
            Instant started = Instant.now();
            JsonNode job = ImportCommand.importAndFollow(ingestion, parsed, file, timeout, err);
            if (job == null) {
                return FAILED;
            }
            ImportCommand.print(out, job, Duration.between(started, Instant.now()));
            if (!"COMPLETED".equals(job.path("status").asText())) {
                err.println("train: the import did not complete; nothing was trained");
                err.flush();
                return FAILED;
            }
            if (!awaitLabels(retraining, since, job.path("labelsPublished").asLong(), err)) {
                return FAILED;
            }
            // the window ends just after the file's last transaction (the end is exclusive)
            JsonNode run = retraining.startRun(window.first(), window.last().plusMillis(1));
            long id = run.path("id").asLong();
            err.printf("training run %d %s over %s .. %s%n", id, run.path("status").asText(), window.first(),
                    window.last().plusMillis(1));
            err.flush();
            run = follow(retraining, id, err);
            if (run == null) {
                return FAILED;
            }
            TrainingRunReport.print(out, run, retraining.reportPage(id));
            return "SUCCEEDED".equals(run.path("status").asText()) ? 0 : FAILED;
        } catch (ImportClient.ApiException | RetrainingClient.ApiException e) {
            err.println("train failed: " + e.getMessage()
                    + (e instanceof RetrainingClient.ApiException r && r.status() == 409
                            ? " (one training run at a time: wait for the running one and retry)" : ""));
            err.flush();
            return FAILED;
        }
    }

    /** Scans the file for its labelled rows' event-time window. */
    static FileWindow window(FileFormat format, Path file) throws IOException {
        long labelled = 0;
        Instant first = null;
        Instant last = null;
        try (InputStream in = OfflineEvaluation.open(file);
                TransactionReader reader = format.open(in,
                        FormatOptions.defaults().withSourceName(file.getFileName().toString()))) {
            while (reader.hasNext()) {
                if (reader.next() instanceof ParsedRow.Parsed p && p.label().isPresent()) {
                    labelled++;
                    Instant t = p.transaction().timestamp();
                    first = first == null || t.isBefore(first) ? t : first;
                    last = last == null || t.isAfter(last) ? t : last;
                }
            }
        }
        return new FileWindow(labelled, first, last);
    }

    private boolean awaitLabels(RetrainingClient retraining, Instant since, long expected, PrintWriter err)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (ProgressBar bar = bar("labels", Math.max(1, expected))) {
            long count = retraining.labelCount("IMPORT", since);
            while (count < expected) {
                bar.stepTo(count);
                if (Instant.now().isAfter(deadline)) {
                    err.printf("train: %d of the import's %d labels reached retraining-service within %s%n", count,
                            expected, timeout);
                    err.flush();
                    return false;
                }
                Thread.sleep(POLL.toMillis()); // polling a remote count
                count = retraining.labelCount("IMPORT", since);
            }
            bar.stepTo(Math.max(1, expected));
        }
        return true;
    }

    private JsonNode follow(RetrainingClient retraining, long id, PrintWriter err) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode run = retraining.run(id);
        try (ProgressBar bar = bar("training", 100)) {
            while (!finished(run)) {
                bar.stepTo(Math.round(100 * run.path("progress").path("fraction").asDouble()));
                bar.setExtraMessage(run.path("progress").path("phase").asText(""));
                if (Instant.now().isAfter(deadline)) {
                    err.printf("training run %d still %s after %s; follow it with GET %s/api/v1/training-runs/%d%n",
                            id, run.path("status").asText(), timeout, retraining.base(), id);
                    err.flush();
                    return null;
                }
                Thread.sleep(POLL.toMillis()); // polling a remote run
                run = retraining.run(id);
            }
            bar.stepTo(100);
        }
        return run;
    }

    private static boolean finished(JsonNode run) {
        String status = run.path("status").asText();
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    private static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate().build();
    }

    static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
