package io.openfraud.fraudctl.score;

import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.TransactionReader;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fraudctl score --format paysim|sparkov|ndjson FILE --out FILE}. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores every row of a file through the running platform's synchronous path (ingestion-service "
                + "POST /api/v1/authorizations, which masks, stores and scores each transaction), with a bounded number "
                + "of requests in flight, and writes one CSV line per row in file order: "
                + "transactionId,score,decision,reason. Labels in the file are ignored.",
            "A row the file cannot give as a transaction is written as MALFORMED, one the service refuses "
                + "(problem+json) as REJECTED, a service failure as ERROR, each with its reason; none is dropped.",
            "Exit code 0 when every row was answered (malformed and rejected rows included); 1 if the platform cannot "
                + "be reached, refuses the token, or failed on some row (ERROR); 2 for a usage error."})
public class ScoreCommand implements Callable<Integer> {

    /** The platform is down, refused the token, or failed on some rows. */
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "paysim, sparkov or ndjson.")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file (plain or .gz).")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The CSV to write.")
    Path out;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "ingestion-service (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", paramLabel = "N",
            description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
    int concurrency;

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
        if (concurrency < 1 || concurrency > 256) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be 1 to 256");
        }
        PrintWriter err = spec.commandLine().getErr();
        TokenIssuer issuer = new TokenIssuer(InstallKeys.ensure(home.keys()).loadJwtPrivateKey(), Clock.systemUTC());
        AuthorizationScorer scorer = new AuthorizationScorer(url,
                new CachedToken(issuer, "fraudctl-score", Set.of(Role.SERVICE), Clock.systemUTC()), concurrency);
        long rows = dataRows(file, parsed);
        Summary summary = new Summary();
        long started = System.nanoTime();
        try (InputStream in = open(file);
                TransactionReader reader = parsed.open(in,
                        FormatOptions.defaults().withSourceName(file.getFileName().toString()));
                Writer writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16);
                ProgressBar bar = new ProgressBarBuilder().setTaskName("score").setInitialMax(rows)
                        .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            writer.write("transactionId,score,decision,reason\n");
            scorer.score(reader, outcome -> {
                try {
                    writer.write(line(outcome));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                summary.add(outcome);
                bar.step();
            });
        } catch (AuthorizationScorer.Unavailable e) {
            err.printf("score stopped after %d rows (written to %s): %s%n", summary.total, out, e.getMessage());
            err.flush();
            return FAILED;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        summary.print(spec.commandLine().getOut(), out, seconds);
        return summary.errors > 0 ? FAILED : 0;
    }

    /** One CSV line: id, score, decision (or MALFORMED / REJECTED / ERROR), reason. */
    static String line(AuthorizationScorer.Outcome o) {
        String score = o.score() == null ? "" : String.format(Locale.ROOT, "%.6f", o.score());
        String decision = o.kind() == AuthorizationScorer.Kind.SCORED ? o.decision() : o.kind().name();
        String reason = o.kind() == AuthorizationScorer.Kind.MALFORMED ? "row " + o.rowNumber() + ": " + o.reason()
                : o.reason();
        return csv(o.transactionId()) + "," + score + "," + decision + "," + csv(reason) + "\n";
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Counts by outcome, decision and reason. */
    static final class Summary {
        long total;
        long scored;
        long malformed;
        long rejected;
        long errors;
        long duplicates;
        long degraded;
        final Map<String, Long> decisions = new TreeMap<>();
        final Map<String, Long> scorers = new TreeMap<>();
        final Map<String, Long> reasons = new TreeMap<>();

        void add(AuthorizationScorer.Outcome o) {
            total++;
            switch (o.kind()) {
                case SCORED -> {
                    scored++;
                    decisions.merge(o.decision(), 1L, Long::sum);
                    scorers.merge(o.scorer() + " " + o.modelVersion(), 1L, Long::sum);
                    duplicates += o.duplicate() ? 1 : 0;
                    degraded += o.degraded() ? 1 : 0;
                }
                case MALFORMED -> {
                    malformed++;
                    reasons.merge("malformed: " + o.reason(), 1L, Long::sum);
                }
                case REJECTED -> {
                    rejected++;
                    reasons.merge("rejected: " + o.reason(), 1L, Long::sum);
                }
                case ERROR -> {
                    errors++;
                    reasons.merge("error: " + o.reason(), 1L, Long::sum);
                }
            }
        }

        void print(PrintWriter out, Path file, double seconds) {
            out.printf(Locale.ROOT, "%d rows written to %s: scored %d (duplicates %d, degraded %d), rejected %d, "
                    + "malformed %d, errors %d%n", total, file, scored, duplicates, degraded, rejected, malformed,
                    errors);
            decisions.forEach((d, n) -> out.printf(Locale.ROOT, "  %-8s %d%n", d, n));
            scorers.forEach((s, n) -> out.printf(Locale.ROOT, "  scored by %s: %d%n", s, n));
            reasons.forEach((r, n) -> out.printf(Locale.ROOT, "  %d %s%n", n, r));
            out.printf(Locale.ROOT, "%.1f s, %.0f rows/s%n", seconds, total / Math.max(seconds, 1e-9));
            out.flush();
        }
    }

    /** Data rows (non-blank lines, less the header for CSV formats), for the progress bar. */
    static long dataRows(Path file, FileFormat format) throws IOException {
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines++;
                }
            }
        }
        return format == FileFormat.NDJSON ? lines : Math.max(0, lines - 1);
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
