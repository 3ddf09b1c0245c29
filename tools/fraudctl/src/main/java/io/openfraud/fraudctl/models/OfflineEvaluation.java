package io.openfraud.fraudctl.models;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.FormatOptions;
import io.openfraud.formats.ParsedRow;
import io.openfraud.formats.TransactionReader;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.metrics.ClusterBootstrap;
import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.metrics.Metrics;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.rules.RulesScorer;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.ModelTrainer;
import io.openfraud.model.training.TimeSplit;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.model.training.TrainingReport;
import io.openfraud.model.training.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * {@code fraudctl evaluate}'s core, the training run's code run locally: a file is read with libs/fraud-formats,
 * masked with the installation's keys exactly as ingestion masks it, replayed through libs/fraud-features'
 * point-in-time builder (what {@code fraudctl features build} and retraining-service do), and trained by libs/fraud-model's
 * {@link ModelTrainer} with its default settings: the earliest 80 % by event time trains (60 %) and validates (20 %:
 * early stopping, calibration, thresholds), the latest 20 % is the test slice every metric is reported on, beside the
 * rules fallback's on the same rows. Adds what a one-off evaluation needs and a training run does not: a bootstrap
 * interval of PR-AUC clustered by card (or customer when the file has no card) and metrics per group of an attribute
 * (fairness checks).
 */
public final class OfflineEvaluation {

    /** Model name written into the locally trained artifact (it is never registered). */
    public static final String MODEL_NAME = "fraudctl-evaluate";

    private OfflineEvaluation() {
    }

    /**
     * The labelled rows of a file, in event-time order.
     *
     * @param rows            point-in-time feature vectors, labels, times, clusters (card token, else customer)
     * @param transactionIds  the transaction id of each row
     * @param clusterKind     {@code card} or {@code customer}: what the clusters are
     * @param parsed          rows of the file that parsed
     * @param unlabelled      parsed rows without a label (left out)
     * @param skipped         malformed or unmaskable rows by reason
     */
    public record Dataset(LabelledRows rows, String[] transactionIds, String clusterKind, long parsed,
            long unlabelled, Map<String, Long> skipped) {
    }

    /**
     * A group's metrics on the test slice (a fairness check).
     *
     * @param attribute         for example {@code gender}
     * @param group             for example {@code F}
     * @param rows              test rows in the group
     * @param frauds            frauds among them
     * @param prAuc             average precision within the group (NaN without frauds)
     * @param recall            recall at the model's decline threshold (NaN without frauds)
     * @param falsePositiveRate legitimate payments declined at that threshold
     * @param rulesPrAuc        the rules fallback's average precision within the group
     */
    public record GroupMetrics(String attribute, String group, int rows, long frauds, double prAuc, double recall,
            double falsePositiveRate, double rulesPrAuc) {
    }

    /**
     * What {@code evaluate} reports.
     *
     * @param report             the training run's report (windows, model and rules metrics on the test slice, ...)
     * @param prAucInterval      PR-AUC of the model on the test slice with its clustered bootstrap interval
     * @param rulesPrAucInterval the same for the rules fallback
     * @param clusterKind        what the bootstrap resamples ({@code card} or {@code customer})
     * @param groups             metrics per group, when the file has attributes
     * @param testIds            test slice transaction ids, in time order
     * @param testLabels         their labels
     * @param testScores         the model's calibrated scores on them
     * @param artifact           the trained artifact (not registered anywhere)
     */
    public record Result(TrainingReport report, ClusterBootstrap.Interval prAucInterval,
            ClusterBootstrap.Interval rulesPrAucInterval, String clusterKind, List<GroupMetrics> groups,
            String[] testIds, boolean[] testLabels, double[] testScores, ModelArtifact artifact) {
    }

    /** Reads, masks and builds the point-in-time rows of {@code file}; unlabelled rows are left out. */
    public static Dataset read(FileFormat format, Path file, TransactionMasker masker) throws IOException {
        List<double[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        long parsedRows = 0;
        long unlabelled = 0;
        boolean[] anyCard = {false};
        try (InputStream in = open(file);
                TransactionReader reader = format.open(in,
                        FormatOptions.defaults().withSourceName(file.getFileName().toString()));
                OfflineBuilder<LabelValue> builder = new OfflineBuilder<>((MaskedTransaction t, LabelValue label,
                        double[] v) -> {
                    features.add(v);
                    labels.add(label == LabelValue.FRAUD);
                    times.add(t.timestamp().toEpochMilli());
                    ids.add(t.transactionId());
                    anyCard[0] |= t.card() != null;
                    clusters.add(t.card() != null ? t.card().token() : t.customer().pseudonym());
                })) {
            while (reader.hasNext()) {
                ParsedRow row = reader.next();
                if (row instanceof ParsedRow.Parsed parsed) {
                    parsedRows++;
                    if (parsed.label().isEmpty()) {
                        unlabelled++;
                        continue;
                    }
                    try {
                        builder.accept(masker.mask(parsed.transaction()), parsed.label().get());
                    } catch (IllegalArgumentException e) {
                        skipped.merge("masking: " + e.getMessage(), 1L, Long::sum);
                    }
                } else if (row instanceof ParsedRow.Malformed malformed) {
                    skipped.merge(malformed.reason(), 1L, Long::sum);
                }
            }
        }
        // Late rows (more than the builder's lateness bound out of order) come out when they arrive: sort by event
        // time (stably) so that the rows, their ids and every time slice of them stay aligned.
        Integer[] order = new Integer[times.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, java.util.Comparator.comparingLong(times::get));
        double[][] x = new double[order.length][];
        boolean[] y = new boolean[order.length];
        long[] t = new long[order.length];
        String[] c = new String[order.length];
        String[] sortedIds = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            int k = order[i];
            x[i] = features.get(k);
            y[i] = labels.get(k);
            t[i] = times.get(k);
            c[i] = clusters.get(k);
            sortedIds[i] = ids.get(k);
        }
        LabelledRows rows = new LabelledRows(FeatureSet.names(), x, y, t, c);
        return new Dataset(rows, sortedIds, anyCard[0] ? "card" : "customer", parsedRows,
                unlabelled, skipped);
    }

    /**
     * Trains on the earliest 80 % by time with the training run's code and reports on the latest 20 %.
     *
     * @param attributes attribute name to (transaction id to group), for group metrics; may be empty
     * @param resamples  bootstrap resamples
     * @param progress   per-epoch callback
     */
    public static Result evaluate(Dataset data, TrainingConfig config, Map<String, Map<String, String>> attributes,
            int resamples, ModelTrainer.Progress progress) {
        LabelledRows rows = data.rows();
        TrainingResult trained = ModelTrainer.train(rows, FeatureSet.VERSION, MODEL_NAME, config, progress);
        LabelledRows test = TimeSplit.of(rows, config.trainFraction(), config.validationFraction()).test();
        String[] testIds = Arrays.copyOfRange(data.transactionIds(), rows.size() - test.size(), rows.size());
        double[] scores;
        try (FraudModel model = FraudModel.load(trained.artifact(), 1)) {
            scores = model.score(test.features());
        }
        RulesScorer rules = RulesScorer.forFeatures(rows.featureNames());
        double[] rulesScores = Arrays.stream(test.features()).mapToDouble(rules::probability).toArray();
        ClusterBootstrap.Interval model = ClusterBootstrap.averagePrecision(scores, test.labels(), test.clusters(),
                resamples, 0.95, config.seed());
        ClusterBootstrap.Interval rulesInterval = ClusterBootstrap.averagePrecision(rulesScores, test.labels(),
                test.clusters(), resamples, 0.95, config.seed());
        double threshold = trained.artifact().metadata().thresholds().decline();
        List<GroupMetrics> groups = new ArrayList<>();
        attributes.forEach((attribute, byId) -> groups.addAll(
                groups(attribute, byId, testIds, scores, rulesScores, test.labels(), threshold)));
        return new Result(trained.report(), model, rulesInterval, data.clusterKind(), groups, testIds,
                test.labels(), scores, trained.artifact());
    }

    static List<GroupMetrics> groups(String attribute, Map<String, String> byId, String[] ids, double[] scores,
            double[] rulesScores, boolean[] labels, double threshold) {
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            members.computeIfAbsent(byId.getOrDefault(ids[i], "unknown"), g -> new ArrayList<>()).add(i);
        }
        List<GroupMetrics> out = new ArrayList<>();
        members.forEach((group, idx) -> {
            double[] s = new double[idx.size()];
            double[] r = new double[idx.size()];
            boolean[] y = new boolean[idx.size()];
            long frauds = 0;
            for (int k = 0; k < s.length; k++) {
                s[k] = scores[idx.get(k)];
                r[k] = rulesScores[idx.get(k)];
                y[k] = labels[idx.get(k)];
                frauds += y[k] ? 1 : 0;
            }
            ConfusionMatrix c = ConfusionMatrix.at(s, y, threshold);
            boolean both = frauds > 0 && frauds < s.length;
            out.add(new GroupMetrics(attribute, group, s.length, frauds,
                    both ? Metrics.averagePrecision(s, y) : Double.NaN, frauds > 0 ? c.recall() : Double.NaN,
                    frauds < s.length ? c.falsePositiveRate() : Double.NaN,
                    both ? Metrics.averagePrecision(r, y) : Double.NaN));
        });
        return out;
    }

    /** Plain or gzip (by its magic number). */
    static InputStream open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
