package io.openfraud.fraudctl.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfraud.formats.FileFormat;
import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
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

/** {@code fraudctl import --format paysim|sparkov|ndjson FILE [--url URL]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a PaySim, Sparkov or NDJSON file into the running platform: uploads it to "
                + "ingestion-service (streamed, gzip on the wire), follows the import job with a progress bar and "
                + "prints its counts and rows/s.",
            "Exit code 0 when the job COMPLETED (bad rows are counted, not fatal); 1 if it FAILED, the upload was "
                + "refused or the service could not be reached; 2 for a usage error."})
public class ImportCommand implements Callable<Integer> {

    /** The job FAILED, the upload was refused or the service was unreachable. */
    public static final int FAILED = 1;

    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "paysim, sparkov or ndjson.")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file (plain or .gz).")
    Path file;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "ingestion-service (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--timeout", defaultValue = "6h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long to wait for the job to finish (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
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
        ImportClient client = new ImportClient(url,
                () -> issuer.issue("fraudctl-import", Set.of(Role.SERVICE), Duration.ofMinutes(10)));
        Instant start = Instant.now();
        try {
            JsonNode job = importAndFollow(client, parsed, file, timeout, err);
            if (job == null) {
                return FAILED;
            }
            print(out, job, Duration.between(start, Instant.now()));
            return "COMPLETED".equals(job.path("status").asText()) ? 0 : FAILED;
        } catch (ImportClient.ApiException | java.io.IOException | java.io.UncheckedIOException e) {
            err.println("import failed: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    /**
     * Uploads {@code file} with an upload bar, then follows the job with a bar of its rows until it COMPLETED or
     * FAILED (also used by {@code fraudctl train}).
     *
     * @return the finished job, or {@code null} if it was still running after {@code timeout} (said on {@code err})
     * @throws ImportClient.ApiException the upload was refused or the service could not be reached
     */
    public static JsonNode importAndFollow(ImportClient client, FileFormat format, Path file, Duration timeout,
            PrintWriter err) throws java.io.IOException, InterruptedException {
        long size = Files.size(file);
        JsonNode job;
        try (ProgressBar upload = bar("upload", Math.max(1, size / 1024), "KiB")) {
            job = client.upload(format.id(), file, read -> upload.stepTo(read / 1024));
            upload.stepTo(Math.max(1, size / 1024));
        }
        long id = job.path("id").asLong();
        err.printf("import job %d %s%n", id, job.path("status").asText());
        err.flush();
        Instant deadline = Instant.now().plus(timeout);
        try (ProgressBar rows = bar("rows", -1, "")) {
            while (!finished(job)) {
                if (Instant.now().isAfter(deadline)) {
                    err.printf("import job %d still %s after %s; follow it with GET /api/v1/imports/%d%n", id,
                            job.path("status").asText(), timeout, id);
                    err.flush();
                    return null;
                }
                // Polling a remote job: the command's only wait.
                Thread.sleep(POLL.toMillis());
                job = client.job(id);
                rows.stepTo(job.path("rowsRead").asLong());
            }
            rows.stepTo(job.path("rowsRead").asLong());
        }
        return job;
    }

    private static boolean finished(JsonNode job) {
        String status = job.path("status").asText();
        return "COMPLETED".equals(status) || "FAILED".equals(status);
    }

    private static ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
    }

    /** The job's counts, as {@code import} prints them. */
    public static void print(PrintWriter out, JsonNode job, Duration wall) {
        String file = job.path("fileName").asText("");
        out.printf(Locale.ROOT, "import %d %s%s%n", job.path("id").asLong(), job.path("status").asText(),
                job.hasNonNull("format") ? " (" + job.path("format").asText() + (file.isEmpty() ? "" : ", " + file)
                        + ")" : "");
        out.printf(Locale.ROOT, "rows %d: accepted %d, duplicates %d, rejected %d, malformed %d; labels published %d%n",
                job.path("rowsRead").asLong(), job.path("accepted").asLong(), job.path("duplicates").asLong(),
                job.path("rejected").asLong(), job.path("malformed").asLong(), job.path("labelsPublished").asLong());
        job.path("rejectedByRule").fields().forEachRemaining(rule ->
                out.printf(Locale.ROOT, "  rejected by %s: %d%n", rule.getKey(), rule.getValue().asLong()));
        job.path("malformedReasons").fields().forEachRemaining(reason ->
                out.printf(Locale.ROOT, "  malformed, %s: %d%n", reason.getKey(), reason.getValue().asLong()));
        out.printf(Locale.ROOT, "%.0f rows/s in the service; %.1f s end to end (upload included)%n",
                job.path("rowsPerSecond").asDouble(), wall.toMillis() / 1000.0);
        if (job.hasNonNull("error")) {
            out.println("error: " + job.get("error").asText());
        }
        out.flush();
    }
}
