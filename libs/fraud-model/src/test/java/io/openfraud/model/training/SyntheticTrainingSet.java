package io.openfraud.model.training;

import io.openfraud.events.label.LabelValue;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.features.offline.OfflineBuilder;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled rows from the project's seeded generator, masked and replayed through the offline point-in-time builder:
 * the features are computed exactly as feature-service computes them.
 */
public final class SyntheticTrainingSet {

    private static final byte[] PAN_KEY = "model-tests-pan-key-32-bytes!!!!".getBytes();
    private static final byte[] PSEUDONYM_KEY = "model-tests-pseudonym-key-32b!!!".getBytes();

    private SyntheticTrainingSet() {
    }

    /** {@code count} rows of a history of {@code customers} customers, fraud rate {@code fraudRate}. */
    public static LabelledRows generate(long seed, int count, int customers, double fraudRate) {
        TransactionMasker masker = new TransactionMasker(PAN_KEY, PSEUDONYM_KEY);
        List<double[]> features = new ArrayList<>(count);
        List<Boolean> labels = new ArrayList<>(count);
        List<Long> times = new ArrayList<>(count);
        List<String> clusters = new ArrayList<>(count);
        try (OfflineBuilder<LabelValue> builder = new OfflineBuilder<>((MaskedTransaction t, LabelValue label,
                double[] v) -> {
            features.add(v);
            labels.add(label == LabelValue.FRAUD);
            times.add(t.timestamp().toEpochMilli());
            clusters.add(t.card() != null ? t.card().token() : t.customer().pseudonym());
        })) {
            SyntheticTransactions.stream(new SyntheticTransactions.Options(seed, customers, fraudRate,
                            Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(20)))
                    .limit(count)
                    .forEach(l -> builder.accept(masker.mask(l.transaction()), l.label()));
        }
        boolean[] y = new boolean[labels.size()];
        long[] t = new long[times.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
            t[i] = times.get(i);
        }
        return new LabelledRows(FeatureSet.names(), features.toArray(double[][]::new), y, t,
                clusters.toArray(String[]::new));
    }
}
