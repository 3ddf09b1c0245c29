package io.openfraud.retraining.training.djl;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.retraining.labels.persistence.LabelStore;
import io.openfraud.retraining.subject.SubjectDataService;
import io.openfraud.retraining.training.TrainingProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds training rows: point-in-time feature vectors from libs/fraud-features' {@link OfflineBuilder} (the same code
 * feature-service runs online) joined with the current label of each transaction, or the project's seeded synthetic
 * history for the platform's first champion.
 */
@ApplicationScoped
public class TrainingData {

    /** Transaction ids per label query. */
    static final int LABEL_BATCH = 5000;

    private final LabelStore labels;
    private final TrainerConfig config;
    private final SubjectDataService subjects;

    TrainingData(LabelStore labels, TrainerConfig config, SubjectDataService subjects) {
        this.labels = labels;
        this.config = config;
        this.subjects = subjects;
    }

    /**
     * What was built: the rows and how many transactions were read, how many had a label, how many were skipped
     * because their subject is excluded from training (restricted, objected or erased).
     */
    public record Built(LabelledRows rows, long transactions, long labelled, long excluded) {
    }

    /** An export client from the configuration. */
    IngestionExport export() {
        TrainerConfig.Export e = config.export();
        return new IngestionExport(e.url(), e.token(), e.connectTimeout(), e.readTimeout());
    }

    /**
     * Rows of the exported history of {@code [from, to)}. The export starts {@code feature-lookback} earlier so the
     * first rows of the window see their entities' recent history, as the online features did; only transactions in
     * the window become rows.
     */
    public Built exported(IngestionExport export, Instant from, Instant to, TrainingProgress progress)
            throws IOException, InterruptedException {
        List<double[]> features = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> clusters = new ArrayList<>();
        long fromMillis = from.toEpochMilli();
        // ingestion's export already leaves restricted subjects out; this also covers a command ingestion has not
        // carried out yet, and erased subjects whose transactions are retained for AML
        Set<String> excluded = subjects.excludedFromTraining();
        long[] skipped = {0};
        long read;
        try (OfflineBuilder<Void> builder = new OfflineBuilder<>((MaskedTransaction t, Void tag, double[] v) -> {
            long millis = t.timestamp().toEpochMilli();
            if (millis >= fromMillis && millis < to.toEpochMilli()) {
                features.add(v);
                times.add(millis);
                ids.add(t.transactionId());
                clusters.add(cluster(t));
            }
        })) {
            read = export.read(from.minus(config.featureLookback()), to, t -> {
                if (t.customer() != null && excluded.contains(t.customer().pseudonym())) {
                    skipped[0]++;
                    return;
                }
                builder.accept(t, null);
                if (builder.processed() % 10_000 == 0) {
                    progress.report(0.02, "reading export (" + builder.processed() + " transactions)");
                }
            });
        }
        progress.report(0.08, "joining labels");
        List<double[]> keptFeatures = new ArrayList<>(features.size());
        List<Boolean> keptLabels = new ArrayList<>(features.size());
        List<Long> keptTimes = new ArrayList<>(features.size());
        List<String> keptClusters = new ArrayList<>(features.size());
        long labelled = 0;
        for (int from0 = 0; from0 < ids.size(); from0 += LABEL_BATCH) {
            int to0 = Math.min(ids.size(), from0 + LABEL_BATCH);
            Map<String, LabelValue> current = labels.current(ids.subList(from0, to0));
            for (int i = from0; i < to0; i++) {
                LabelValue label = current.get(ids.get(i));
                if (label != null) {
                    labelled++;
                } else if (!config.unlabelledAsLegit()) {
                    continue;
                }
                keptFeatures.add(features.get(i));
                keptLabels.add(label == LabelValue.FRAUD);
                keptTimes.add(times.get(i));
                keptClusters.add(clusters.get(i));
            }
        }
        return new Built(rows(keptFeatures, keptLabels, keptTimes, keptClusters), read, labelled, skipped[0]);
    }

    /**
     * {@code synthetic.rows} generated transactions starting at {@code start}, masked with keys derived from the seed
     * (generated people need no secret, and fixed keys keep the artifact reproducible), their generator labels as
     * labels.
     */
    public Built synthetic(Instant start) {
        TrainerConfig.Synthetic s = config.synthetic();
        TransactionMasker masker = new TransactionMasker(derivedKey("pan", s.seed()), derivedKey("pseudonym",
                s.seed()));
        List<double[]> features = new ArrayList<>(s.rows());
        List<Boolean> y = new ArrayList<>(s.rows());
        List<Long> times = new ArrayList<>(s.rows());
        List<String> clusters = new ArrayList<>(s.rows());
        try (OfflineBuilder<LabelValue> builder = new OfflineBuilder<>((MaskedTransaction t, LabelValue label,
                double[] v) -> {
            features.add(v);
            y.add(label == LabelValue.FRAUD);
            times.add(t.timestamp().toEpochMilli());
            clusters.add(cluster(t));
        })) {
            SyntheticTransactions.stream(new SyntheticTransactions.Options(s.seed(), s.customers(), s.fraudRate(),
                    start, Duration.ofSeconds(20))).limit(s.rows())
                    .forEach(l -> builder.accept(masker.mask(l.transaction()), l.label()));
        }
        return new Built(rows(features, y, times, clusters), features.size(), features.size(), 0);
    }

    private static String cluster(MaskedTransaction t) {
        return t.card() != null ? t.card().token() : t.customer().pseudonym();
    }

    private static LabelledRows rows(List<double[]> features, List<Boolean> labels, List<Long> times,
            List<String> clusters) {
        boolean[] y = new boolean[labels.size()];
        long[] t = new long[times.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
            t[i] = times.get(i);
        }
        return new LabelledRows(FeatureSet.names(), features.toArray(double[][]::new), y, t,
                clusters.toArray(String[]::new));
    }

    private static byte[] derivedKey(String purpose, long seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("openfraud-synthetic-" + purpose + "-" + seed)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
