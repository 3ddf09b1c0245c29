package io.openfraud.fraudctl.features;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.features.offline.TrainingSetCsv;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.TransactionReader;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.masking.TransactionMasker;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fraudctl features build}: a file (PaySim, Sparkov, NDJSON) masked with the installation's keys by the same
 * code as ingestion, replayed in event-time order through the feature library, written as a CSV training set with one
 * row per transaction as known just before it.
 */
@Command(name = "build", description = {"Writes a point-in-time training set (CSV, one row per transaction, header "
        + "transaction_id,timestamp,label,<features>) from a transaction file.",
        "Rows are masked with this installation's keys ($FRAUDCTL_HOME/keys/pan-token.key, pseudonym.key) or the "
                + "key files given, exactly as ingestion masks them."})
public class FeaturesBuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = "--format", required = true, description = "paysim, sparkov or ndjson")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "the transaction file")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the CSV to write")
    Path output;

    @Option(names = "--pan-key-file", paramLabel = "FILE",
            description = "base64 HMAC key for card tokens (default: the installation's pan-token.key)")
    Path panKeyFile;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            description = "base64 HMAC key for pseudonyms (default: the installation's pseudonym.key)")
    Path pseudonymKeyFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FileFormat fileFormat;
        try {
            fileFormat = FileFormat.parse(format);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!Files.isReadable(input)) {
            err.println("cannot read " + input);
            return 2;
        }
        TransactionMasker masker;
        if (panKeyFile == null || pseudonymKeyFile == null) {
            InstallKeys keys = InstallKeys.ensure(home.keys());
            masker = new TransactionMasker(readKey(panKeyFile == null ? keys.panTokenKey() : panKeyFile),
                    readKey(pseudonymKeyFile == null ? keys.pseudonymKey() : pseudonymKeyFile));
        } else {
            masker = new TransactionMasker(readKey(panKeyFile), readKey(pseudonymKeyFile));
        }
        long started = System.nanoTime();
        Map<String, Long> skipped = new LinkedHashMap<>();
        long rows;
        Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), output.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16);
                    TransactionReader reader = fileFormat.open(Files.newInputStream(input),
                            FormatOptions.defaults().withSourceName(input.getFileName().toString()))) {
                TrainingSetCsv csv = new TrainingSetCsv(writer);
                try (OfflineBuilder<Boolean> builder = new OfflineBuilder<>(csv)) {
                    while (reader.hasNext()) {
                        ParsedRow row = reader.next();
                        if (row instanceof ParsedRow.Parsed parsed) {
                            MaskedTransaction masked;
                            try {
                                masked = masker.mask(parsed.transaction());
                            } catch (IllegalArgumentException e) {
                                skipped.merge("masking: " + e.getMessage(), 1L, Long::sum);
                                continue;
                            }
                            builder.accept(masked, parsed.label().map(l -> l == LabelValue.FRAUD).orElse(null));
                        } else if (row instanceof ParsedRow.Malformed malformed) {
                            skipped.merge(malformed.reason(), 1L, Long::sum);
                        }
                    }
                }
                rows = csv.rows();
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("Wrote %d rows x %d features (%s) to %s in %.1f s (%.0f rows/s)%n", rows,
                FeatureSet.names().size(), FeatureSet.VERSION, output, seconds, rows / Math.max(seconds, 1e-9));
        long skippedTotal = skipped.values().stream().mapToLong(Long::longValue).sum();
        if (skippedTotal > 0) {
            out.printf("Skipped %d rows:%n", skippedTotal);
            skipped.forEach((reason, n) -> out.printf("  %8d  %s%n", n, reason));
        }
        out.flush();
        return 0;
    }

    private static byte[] readKey(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
}
