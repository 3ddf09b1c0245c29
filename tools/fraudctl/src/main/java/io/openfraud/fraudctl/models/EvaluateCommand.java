package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.features.FeatureSet;
import io.openfraud.formats.FileFormat;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.model.metrics.ClusterBootstrap;
import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.training.DataWindow;
import io.openfraud.model.training.Evaluation;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.model.training.TrainingReport;
import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.imports.ImportClient;
import io.openfraud.fraudctl.score.CachedToken;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fraudctl evaluate --format paysim|sparkov FILE [--json]}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates the model on a labelled file, locally: the training run's code (masking with this "
                + "installation's keys, the point-in-time feature builder, libs/fraud-model's trainer) trains on the "
                + "earliest 80%% of the rows by event time (60%% train, 20%% validation) and reports on the latest 20%%: "
                + "PR-AUC with a bootstrap interval clustered by card (by customer when the file has no card), ROC-AUC, "
                + "recall at 1%% FPR, precision at k, Brier, the confusion matrix at the decline threshold, and the "
                + "rules fallback's metrics on the same rows. Sparkov files also get metrics by gender and age band.",
            "Needs no running platform, except with --online. Exit code 0; 1 if the file cannot be trained on (too few "
                + "frauds) or the online check failed; 2 for a usage error."})
public class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "paysim, sparkov or ndjson (with label or isFraud fields).")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The labelled file (plain or .gz).")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Option(names = "--max-epochs", paramLabel = "N", description = "Upper bound on epochs (default: the trainer's, "
            + "${DEFAULT-VALUE}).", defaultValue = "30")
    int maxEpochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seeds training and the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--online", description = "Also score the test slice through the running platform: imports the "
            + "rows before it, trains a version on them through retraining-service (promoted by hand if the gate holds "
            + "it as challenger), scores the test slice through POST /api/v1/authorizations and prints online PR-AUC "
            + "beside the offline PR-AUC of the same version on the same rows (goal: within 0.01). Use a fresh "
            + "platform.")
    boolean online;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "With --online: ingestion-service (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--retraining-url", defaultValue = "http://localhost:8084", paramLabel = "URL",
            description = "With --online: retraining-service (default ${DEFAULT-VALUE}).")
    URI retrainingUrl;

    @Option(names = "--features-url", defaultValue = "http://localhost:8082", paramLabel = "URL",
            description = "With --online: feature-service, whose folds are awaited (default ${DEFAULT-VALUE}).")
    URI featuresUrl;

    @Option(names = "--scoring-url", defaultValue = "http://localhost:8083", paramLabel = "URL",
            description = "With --online: scoring-service, whose served version is awaited (default ${DEFAULT-VALUE}).")
    URI scoringUrl;

    @Option(names = "--online-timeout", defaultValue = "30m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "With --online: per step (default ${DEFAULT-VALUE}).")
    Duration onlineTimeout;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "4", paramLabel = "N",
            description = "With --online: authorisations in flight at most (default ${DEFAULT-VALUE}); rows of one "
                    + "customer, card or counterparty are never in flight together, and each waits until the earlier "
                    + "ones are folded into feature-service's state.")
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
        if (maxEpochs < 1 || resamples < 1) {
            throw new ParameterException(spec.commandLine(), "--max-epochs and --resamples must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstallKeys keys = InstallKeys.ensure(home.keys());
        TransactionMasker masker = new TransactionMasker(readKey(keys.panTokenKey()), readKey(keys.pseudonymKey()));
        long started = System.nanoTime();
        err.printf("reading %s (%s), masking with this installation's keys, building point-in-time features%n",
                file.getFileName(), parsed.id());
        err.flush();
        OfflineEvaluation.Dataset data = OfflineEvaluation.read(parsed, file, masker);
        Map<String, Map<String, String>> attributes = parsed == FileFormat.SPARKOV ? SparkovAttributes.read(file)
                : Map.of();
        err.printf(Locale.ROOT, "%d labelled rows, %d frauds; training%n", data.rows().size(), data.rows().frauds());
        err.flush();
        TrainingConfig config = TrainingConfig.defaults().withSeed(seed)
                .withEpochs(maxEpochs, TrainingConfig.defaults().patience());
        OfflineEvaluation.Result result;
        try {
            result = OfflineEvaluation.evaluate(data, config, attributes, resamples, (epoch, max, ap) -> {
                err.printf(Locale.ROOT, "  epoch %d/%d, validation PR-AUC %.4f%n", epoch, max, ap);
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            err.println("evaluate failed: " + e.getMessage());
            err.flush();
            return 1;
        }
        OnlineCheck.Result onlineResult = null;
        if (online) {
            TokenIssuer issuer = new TokenIssuer(keys.loadJwtPrivateKey(), Clock.systemUTC());
            CachedToken service = new CachedToken(issuer, "fraudctl-evaluate", Set.of(Role.SERVICE),
                    Clock.systemUTC());
            try {
                onlineResult = OnlineCheck.run(new OnlineCheck.Platform(url, featuresUrl, scoringUrl, onlineTimeout,
                        concurrency), new ImportClient(url, service), new RetrainingClient(retrainingUrl,
                        new CachedToken(issuer, "fraudctl-evaluate", Set.of(Role.ADMIN), Clock.systemUTC())),
                        service, parsed, file, data, config, err);
            } catch (IllegalStateException | ImportClient.ApiException | RetrainingClient.ApiException e) {
                err.println("evaluate --online failed: " + e.getMessage());
                err.flush();
                print(out, data, result, (System.nanoTime() - started) / 1e9);
                out.flush();
                return 1;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            var mapper = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = asJson(data, result, seconds);
            if (onlineResult != null) {
                ObjectNode node = mapper.valueToTree(onlineResult);
                node.put("gap", onlineResult.gap());
                root.set("online", node);
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            print(out, data, result, seconds);
            if (onlineResult != null) {
                printOnline(out, onlineResult);
            }
        }
        out.flush();
        return 0;
    }

    static void printOnline(PrintWriter out, OnlineCheck.Result r) {
        out.printf(Locale.ROOT, "%nOnline: version %s (training run %d over the rows before the test slice, gate %s), "
                + "%d history rows imported%n", r.modelVersion(), r.runId(), r.gateDecision(), r.historyImported());
        out.printf(Locale.ROOT, "  test rows %d, scored by version %s through POST /api/v1/authorizations %d, not "
                + "scored by it %d%n", r.testRows(), r.modelVersion(), r.scored(), r.notScored());
        out.printf(Locale.ROOT, "  PR-AUC online %s, offline (same version, same rows) %s, gap %s (goal <= 0.01: "
                + "%s)%n", f(r.onlinePrAuc()), f(r.offlinePrAuc()), f(r.gap()), r.gap() <= 0.01 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "  per-row |online - offline| score: mean %s, max %s%n", f(r.meanAbsDiff()),
                f(r.maxAbsDiff()));
        out.printf(Locale.ROOT, "  sent in %d waves sharing no customer, card or counterparty, each folded before the "
                + "next (%d not confirmed in time)%n", r.waves(), r.unsettledWaves());
    }

    private ObjectNode asJson(OfflineEvaluation.Dataset data, OfflineEvaluation.Result result, double seconds) {
        var mapper = EventJson.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.getFileName().toString());
        root.put("format", format.toLowerCase(Locale.ROOT));
        root.put("evaluatedAt", Instant.now().toString());
        root.put("featureSetVersion", FeatureSet.VERSION);
        root.put("features", FeatureSet.names().size());
        root.put("parsedRows", data.parsed());
        root.put("labelledRows", data.rows().size());
        root.put("unlabelledRows", data.unlabelled());
        root.set("skipped", mapper.valueToTree(data.skipped()));
        root.put("artifactSha256", result.artifact().sha256());
        root.set("report", mapper.valueToTree(result.report()));
        root.put("bootstrapClusters", result.clusterKind());
        root.set("prAucInterval", mapper.valueToTree(result.prAucInterval()));
        root.set("rulesPrAucInterval", mapper.valueToTree(result.rulesPrAucInterval()));
        root.set("groups", mapper.valueToTree(result.groups()));
        root.put("seconds", seconds);
        return root;
    }

    static void print(PrintWriter out, OfflineEvaluation.Dataset data, OfflineEvaluation.Result result,
            double seconds) {
        TrainingReport r = result.report();
        out.printf(Locale.ROOT, "%d labelled rows (%d frauds), %d unlabelled left out, %d skipped; feature set %s "
                + "(%d features)%n", data.rows().size(), data.rows().frauds(), data.unlabelled(),
                data.skipped().values().stream().mapToLong(Long::longValue).sum(), FeatureSet.VERSION,
                FeatureSet.names().size());
        data.skipped().forEach((reason, n) -> out.printf(Locale.ROOT, "  skipped %d: %s%n", n, reason));
        out.println("Split by event time (the earliest 80% trains and validates, the latest 20% is the test slice):");
        window(out, "train", r.train());
        window(out, "validation", r.validation());
        window(out, "test", r.test());
        out.printf(Locale.ROOT, "Trained %d epochs (best %d), positive weight %.1f, %.0f rows/s; artifact sha256 %s%n",
                r.epochs(), r.bestEpoch(), r.positiveWeight(), r.trainingRowsPerSecond(), r.artifactSha256());
        out.printf(Locale.ROOT, "%nTest slice                    %-22s %-22s%n", "model", "rules fallback");
        row(out, "PR-AUC", r.model(), r.rules(), e -> f(e.prAuc()));
        ClusterBootstrap.Interval m = result.prAucInterval();
        ClusterBootstrap.Interval ru = result.rulesPrAucInterval();
        out.printf(Locale.ROOT, "  95%% CI by %-8s          %-22s %-22s%n", result.clusterKind(),
                "[" + f(m.lower()) + ", " + f(m.upper()) + "]", "[" + f(ru.lower()) + ", " + f(ru.upper()) + "]");
        out.printf(Locale.ROOT, "  (%d resamples of %d %ss)%n", m.resamples(), m.clusters(), result.clusterKind());
        row(out, "ROC-AUC", r.model(), r.rules(), e -> f(e.rocAuc()));
        row(out, "recall at 1% FPR", r.model(), r.rules(), e -> f(e.recallAt1PctFpr()));
        row(out, "precision at " + r.model().k(), r.model(), r.rules(), e -> f(e.precisionAtK()));
        row(out, "Brier", r.model(), r.rules(), e -> f(e.brier()));
        row(out, "decline threshold", r.model(), r.rules(), e -> f(e.confusion().threshold()));
        row(out, "TP / FP", r.model(), r.rules(), e -> e.confusion().truePositives() + " / "
                + e.confusion().falsePositives());
        row(out, "TN / FN", r.model(), r.rules(), e -> e.confusion().trueNegatives() + " / "
                + e.confusion().falseNegatives());
        row(out, "precision / recall", r.model(), r.rules(), e -> f(precision(e.confusion())) + " / "
                + f(e.confusion().recall()));
        row(out, "FPR", r.model(), r.rules(), e -> f(e.confusion().falsePositiveRate()));
        if (!result.groups().isEmpty()) {
            out.printf(Locale.ROOT, "%nBy group, test slice (model at its decline threshold):%n");
            out.printf(Locale.ROOT, "  %-10s %-8s %7s %7s %8s %8s %8s %8s%n", "attribute", "group", "rows", "frauds",
                    "PR-AUC", "recall", "FPR", "rules AP");
            for (OfflineEvaluation.GroupMetrics g : result.groups()) {
                out.printf(Locale.ROOT, "  %-10s %-8s %7d %7d %8s %8s %8s %8s%n", g.attribute(), g.group(), g.rows(),
                        g.frauds(), f(g.prAuc()), f(g.recall()), f(g.falsePositiveRate()), f(g.rulesPrAuc()));
            }
        }
        out.printf(Locale.ROOT, "%nIn %.1f s.%n", seconds);
    }

    private static double precision(ConfusionMatrix c) {
        return c.truePositives() + c.falsePositives() == 0 ? Double.NaN : c.precision();
    }

    private static void window(PrintWriter out, String name, DataWindow w) {
        out.printf(Locale.ROOT, "  %-10s %s .. %s  %7d rows, %5d frauds%n", name, w.from(), w.to(), w.rows(),
                w.frauds());
    }

    private static void row(PrintWriter out, String name, Evaluation model, Evaluation rules,
            Function<Evaluation, String> value) {
        out.printf(Locale.ROOT, "  %-26s %-22s %-22s%n", name, value.apply(model), value.apply(rules));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static byte[] readKey(Path key) throws IOException {
        return Base64.getDecoder().decode(Files.readString(key, StandardCharsets.US_ASCII).trim());
    }
}
