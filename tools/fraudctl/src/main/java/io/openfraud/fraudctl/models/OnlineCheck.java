package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.features.FeatureSet;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.TransactionReader;
import io.openfraud.fraudctl.imports.ImportClient;
import io.openfraud.fraudctl.score.AuthorizationScorer;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.metrics.Metrics;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.TimeSplit;
import io.openfraud.model.training.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@code fraudctl evaluate --online}: the same test slice scored through the running platform, beside the offline
 * score of the same model on the same rows. How the model gets there:
 *
 * <ol>
 *   <li>every row of the file <b>not</b> in the test slice (the earliest 80 % by time) is imported through
 *       ingestion-service (NDJSON generated on the fly, labels included), so ingestion, feature-service and
 *       retraining-service hold the history before the test slice, exactly as the offline builder saw it;</li>
 *   <li>once retraining has all the import's labels and feature-service has folded every accepted row
 *       ({@code features_folded_total}), a training run over {@code [first row, first test row)} trains the model on
 *       the platform (retraining-service's own 60/20/20 split of that window); if the gate holds it as challenger it is
 *       promoted by hand (audited, reason given);</li>
 *   <li>once scoring-service serves that version ({@code scoring-model} in its readiness data), the test slice goes
 *       through {@code POST /api/v1/authorizations} in file (time) order, in waves of rows that share no customer, card
 *       or counterparty; before a row whose entity was in the previous wave is sent, feature-service has folded that
 *       wave ({@code features_folded_total} + {@code features_duplicates_total}), so each row is scored from the same
 *       entity state as the offline point-in-time builder gives it (the fold is asynchronous: the synchronous answer
 *       comes before it);</li>
 *   <li>the version's artifact is downloaded from the registry, checked against its sha256, and scores the test slice
 *       offline from the locally built point-in-time features: online PR-AUC beside offline PR-AUC of the same model
 *       on the same rows (goal: within 0.01), and the per-row score difference.</li>
 * </ol>
 * Run it against a fresh platform: rows it already holds are answered as duplicates (the decision of record).
 */
final class OnlineCheck {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * Where the platform is and how long to wait for each step.
     *
     * @param ingestion   ingestion-service
     * @param features    feature-service
     * @param scoring     scoring-service
     * @param timeout     per step
     * @param concurrency authorisations in flight
     */
    record Platform(URI ingestion, URI features, URI scoring, Duration timeout, int concurrency) {
    }

    /** How long the scoring of the test slice waits, between two waves, for feature-service's folds. */
    static final Duration FOLD_WAIT = Duration.ofSeconds(30);

    /**
     * The test slice's answers.
     *
     * @param outcomes       every row's outcome, in file order
     * @param waves          waves of rows sharing no entity
     * @param unsettledWaves waves whose folds feature-service had not all counted after {@link #FOLD_WAIT} (the next
     *                       wave was sent anyway; its rows may have been scored from an older state)
     */
    record Scoring(List<AuthorizationScorer.Outcome> outcomes, long waves, int unsettledWaves) {
    }

    /**
     * The platform's answers beside the offline scores of the same rows.
     *
     * @param scored      rows answered with a MODEL score of the version
     * @param notScored   the others (refused, failed, scored by the rules or another version): left out of both sides
     * @param onlinePrAuc PR-AUC of the online scores of the scored rows
     * @param offlinePrAuc PR-AUC of the offline scores of the same rows
     * @param meanAbsDiff mean |online - offline| per scored row
     * @param maxAbsDiff  largest per-row difference
     */
    record Comparison(int scored, int notScored, double onlinePrAuc, double offlinePrAuc, double meanAbsDiff,
            double maxAbsDiff) {
    }

    /**
     * What the online check measured.
     *
     * @param runId           the training run
     * @param modelVersion    the version it registered, then served
     * @param gateDecision    what the gate decided (CHALLENGER versions are promoted by hand)
     * @param historyImported rows imported before the test slice (accepted)
     * @param testRows        test rows sent
     * @param scored          answered with a MODEL score of that version
     * @param notScored       refused, failed, or scored by something else (rules, another version)
     * @param onlinePrAuc     PR-AUC of the platform's answers on the scored rows
     * @param offlinePrAuc    PR-AUC of the same artifact on the same rows from the offline features
     * @param meanAbsDiff     mean |online - offline| score per row
     * @param maxAbsDiff      largest per-row difference
     * @param waves           waves the test slice was sent in (rows of one entity are never in the same wave)
     * @param unsettledWaves  waves whose folds were not all seen within the wait (0 when every row saw its history)
     */
    record Result(long runId, String modelVersion, String gateDecision, long historyImported, int testRows,
            int scored, int notScored, double onlinePrAuc, double offlinePrAuc, double meanAbsDiff,
            double maxAbsDiff, long waves, int unsettledWaves) {

        double gap() {
            return Math.abs(onlinePrAuc - offlinePrAuc);
        }
    }

    private OnlineCheck() {
    }

    static Result run(Platform platform, ImportClient ingestion, RetrainingClient retraining,
            Supplier<String> serviceToken, FileFormat format, Path file, OfflineEvaluation.Dataset data,
            TrainingConfig config, PrintWriter err) throws IOException, InterruptedException {
        LabelledRows test = TimeSplit.of(data.rows(), config.trainFraction(), config.validationFraction()).test();
        int n = data.rows().size();
        String[] testIds = java.util.Arrays.copyOfRange(data.transactionIds(), n - test.size(), n);
        Set<String> inTest = Set.of(testIds);
        Instant first = Instant.ofEpochMilli(data.rows().timestamps()[0]);
        Instant testStart = Instant.ofEpochMilli(test.timestamps()[0]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        retraining.models(); // retraining up
        double folded0 = folds(http, platform.features());
        Instant since = Instant.now().minusSeconds(1);
        step(err, "importing the %d rows before the test slice (labels included) through ingestion-service",
                n - test.size());
        JsonNode job = ingestion.upload("ndjson", "evaluate-online-history.ndjson",
                () -> history(format, file, inTest));
        long jobId = job.path("id").asLong();
        job = await(platform.timeout(), "import job " + jobId, () -> ingestion.job(jobId),
                j -> "COMPLETED".equals(j.path("status").asText()) || "FAILED".equals(j.path("status").asText()));
        if (!"COMPLETED".equals(job.path("status").asText())) {
            throw new IllegalStateException("the history import " + jobId + " ended " + job.path("status").asText()
                    + ": " + job.path("error").asText(""));
        }
        long accepted = job.path("accepted").asLong();
        long labels = job.path("labelsPublished").asLong();
        step(err, "import %d: %d accepted, %d rejected, %d labels; waiting for retraining's labels and "
                + "feature-service's folds", jobId, accepted, job.path("rejected").asLong(), labels);
        await(platform.timeout(), "labels at retraining-service", () -> retraining.labelCount("IMPORT", since),
                c -> c >= labels);
        await(platform.timeout(), "folds at feature-service", () -> folds(http, platform.features()),
                f -> f - folded0 >= accepted);

        JsonNode run = retraining.startRun(first, testStart);
        long runId = run.path("id").asLong();
        step(err, "training run %d over %s .. %s", runId, first, testStart);
        run = await(platform.timeout(), "training run " + runId, () -> retraining.run(runId),
                r -> "SUCCEEDED".equals(r.path("status").asText()) || "FAILED".equals(r.path("status").asText()));
        if (!"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("training run " + runId + " failed: " + run.path("error").asText());
        }
        String version = run.path("modelVersion").asText();
        String decision = run.path("gate").path("decision").asText();
        if (!"CHAMPION".equals(decision)) {
            step(err, "version %s is %s (%s): promoting it by hand for the check", version, decision,
                    run.path("gate").path("reason").asText());
            retraining.promote(version, "fraudctl evaluate --online: serve the version trained on the rows before "
                    + "the test slice while it is scored");
        }
        step(err, "waiting until scoring-service serves version %s", version);
        await(platform.timeout(), "scoring-service serving version " + version,
                () -> servedVersion(http, platform.scoring()), version::equals);

        step(err, "scoring the %d test rows through POST /api/v1/authorizations, each entity's rows in order",
                test.size());
        Scoring online;
        try (InputStream in = OfflineEvaluation.open(file);
                TransactionReader reader = format.open(in, FormatOptions.defaults())) {
            online = scoreOnline(http, platform.ingestion(), platform.features(), serviceToken,
                    platform.concurrency(), FOLD_WAIT, only(reader, inTest));
        }

        JsonNode model = retraining.model(version);
        ModelArtifact artifact = ModelArtifact.read(retraining.artifact(version), FeatureSet.VERSION,
                model.path("sha256").asText());
        double[] offline;
        try (FraudModel loaded = FraudModel.load(artifact, 1)) {
            offline = loaded.score(test.features());
        }
        Comparison c = compare(testIds, test.labels(), offline, online.outcomes(), version);
        return new Result(runId, version, decision, accepted, test.size(), c.scored(), c.notScored(),
                c.onlinePrAuc(), c.offlinePrAuc(), c.meanAbsDiff(), c.maxAbsDiff(), online.waves(),
                online.unsettledWaves());
    }

    /**
     * Sends {@code rows} through ingestion's synchronous path in entity order ({@link
     * AuthorizationScorer#scoreInEntityOrder}): between two waves it waits until feature-service has counted the
     * previous wave's accepted transactions as folded, at most {@code foldWait} per wave.
     *
     * @throws IllegalStateException when ingestion-service cannot be reached or refuses the token
     */
    static Scoring scoreOnline(HttpClient http, URI ingestion, URI features, Supplier<String> serviceToken,
            int concurrency, Duration foldWait, Iterator<ParsedRow> rows) throws InterruptedException {
        List<AuthorizationScorer.Outcome> outcomes = new ArrayList<>();
        FoldBarrier barrier = new FoldBarrier(() -> folds(http, features), foldWait);
        try {
            long waves = new AuthorizationScorer(ingestion, serviceToken, concurrency)
                    .scoreInEntityOrder(rows, outcomes::add, barrier);
            return new Scoring(outcomes, waves, barrier.unsettled());
        } catch (AuthorizationScorer.Unavailable e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /**
     * Online beside offline on the rows the platform scored with {@code version}'s model: {@code ids}, {@code labels}
     * and {@code offline} are the test slice in file order; a row without such an answer is left out of both sides.
     */
    static Comparison compare(String[] ids, boolean[] labels, double[] offline,
            List<AuthorizationScorer.Outcome> online, String version) {
        Map<String, AuthorizationScorer.Outcome> byId = new HashMap<>();
        for (AuthorizationScorer.Outcome o : online) {
            byId.put(o.transactionId(), o);
        }
        int scored = 0;
        double[] on = new double[ids.length];
        double[] off = new double[ids.length];
        boolean[] y = new boolean[ids.length];
        double sumDiff = 0;
        double maxDiff = 0;
        for (int i = 0; i < ids.length; i++) {
            AuthorizationScorer.Outcome o = byId.get(ids[i]);
            if (o == null || o.kind() != AuthorizationScorer.Kind.SCORED || !"MODEL".equals(o.scorer())
                    || !version.equals(o.modelVersion()) || o.score() == null) {
                continue;
            }
            on[scored] = o.score();
            off[scored] = offline[i];
            y[scored] = labels[i];
            double diff = Math.abs(o.score() - offline[i]);
            sumDiff += diff;
            maxDiff = Math.max(maxDiff, diff);
            scored++;
        }
        on = Arrays.copyOf(on, scored);
        off = Arrays.copyOf(off, scored);
        y = Arrays.copyOf(y, scored);
        return new Comparison(scored, ids.length - scored,
                scored == 0 ? Double.NaN : Metrics.averagePrecision(on, y),
                scored == 0 ? Double.NaN : Metrics.averagePrecision(off, y),
                scored == 0 ? Double.NaN : sumDiff / scored, scored == 0 ? Double.NaN : maxDiff);
    }

    /**
     * Waits until feature-service has handled (folded, or recognised as folded) every transaction accepted so far:
     * its count when the barrier was made plus every wave's accepted rows. A wave not settled within {@code wait} is
     * counted and the count taken as the new base, so one lost fold does not stall every later wave.
     */
    static final class FoldBarrier implements AuthorizationScorer.Barrier {

        private static final Duration POLL = Duration.ofMillis(20);

        private final Poll<Double> folds;
        private final Duration wait;
        private double expected;
        private int unsettled;

        FoldBarrier(Poll<Double> folds, Duration wait) throws InterruptedException {
            this.folds = folds;
            this.wait = wait;
            this.expected = folds.get();
        }

        @Override
        public void await(int accepted) throws InterruptedException {
            expected += accepted;
            Instant deadline = Instant.now().plus(wait);
            double seen = folds.get();
            while (seen < expected) {
                if (Instant.now().isAfter(deadline)) {
                    unsettled++;
                    expected = seen;
                    return;
                }
                Thread.sleep(POLL.toMillis()); // polling a remote counter
                seen = folds.get();
            }
        }

        int unsettled() {
            return unsettled;
        }
    }

    /** The rows of the file not in the test slice, as gzip NDJSON with their labels, written as they are read. */
    static InputStream history(FileFormat format, Path file, Set<String> inTest) {
        try {
            PipedInputStream pipe = new PipedInputStream(1 << 16);
            PipedOutputStream sink = new PipedOutputStream(pipe);
            Thread writer = new Thread(() -> {
                try (InputStream in = OfflineEvaluation.open(file);
                        TransactionReader reader = format.open(in, FormatOptions.defaults());
                        OutputStream out = new GZIPOutputStream(sink, 1 << 16)) {
                    while (reader.hasNext()) {
                        if (reader.next() instanceof ParsedRow.Parsed p
                                && !inTest.contains(p.transaction().transactionId())) {
                            ObjectNode node = JSON.valueToTree(p.transaction());
                            p.label().ifPresent(l -> node.put("label", l.name()));
                            out.write(JSON.writeValueAsBytes(node));
                            out.write('\n');
                        }
                    }
                } catch (IOException e) {
                    // the upload was refused or the file failed: the request fails with it
                }
            }, "fraudctl-history");
            writer.setDaemon(true);
            writer.start();
            return pipe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the parsed rows whose id is in {@code ids}, in file order. */
    private static Iterator<ParsedRow> only(Iterator<ParsedRow> rows, Set<String> ids) {
        return new Iterator<>() {
            private ParsedRow next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    ParsedRow row = rows.next();
                    if (row instanceof ParsedRow.Parsed p && ids.contains(p.transaction().transactionId())) {
                        next = row;
                    }
                }
                return next != null;
            }

            @Override
            public ParsedRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ParsedRow row = next;
                next = null;
                return row;
            }
        };
    }

    /** A counter or gauge from a service's Prometheus text (sum over its label sets); 0 when absent. */
    static double metric(HttpClient http, URI service, String name) throws InterruptedException {
        String text = get(http, service, "/q/metrics", "text/plain");
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * Transactions feature-service has handled: folded, or recognised as already folded (a redelivery). Every
     * accepted row ends as one or the other, so the history is in the state once this has grown by the accepted rows.
     */
    static double folds(HttpClient http, URI features) throws InterruptedException {
        return metric(http, features, "features_folded_total") + metric(http, features, "features_duplicates_total");
    }

    /** The model version scoring-service serves, from its readiness data. */
    static String servedVersion(HttpClient http, URI scoring) throws InterruptedException {
        try {
            JsonNode health = JSON.readTree(get(http, scoring, "/q/health/ready", "application/json"));
            for (JsonNode check : health.path("checks")) {
                if ("scoring-model".equals(check.path("name").asText())) {
                    return check.path("data").path("modelVersion").asText("");
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String get(HttpClient http, URI service, String path, String accept) throws InterruptedException {
        URI uri = URI.create(service.toString().replaceAll("/+$", "") + path);
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + uri + " (is the platform up? ./fraudctl up)");
        }
    }

    @FunctionalInterface
    interface Poll<T> {
        T get() throws InterruptedException;
    }

    private static <T> T await(Duration timeout, String what, Poll<T> poll, java.util.function.Predicate<T> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T value = poll.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + ": not done after " + timeout + " (last: " + value + ")");
            }
            Thread.sleep(POLL.toMillis()); // polling a remote state
            value = poll.get();
        }
        return value;
    }

    private static void step(PrintWriter err, String format, Object... args) {
        err.printf(Locale.ROOT, "online: " + format + "%n", args);
        err.flush();
    }
}
