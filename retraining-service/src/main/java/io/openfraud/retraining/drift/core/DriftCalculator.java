package io.openfraud.retraining.drift.core;

import io.openfraud.retraining.drift.core.DriftReport.Bin;
import io.openfraud.retraining.drift.core.DriftReport.DatasetDrift;
import io.openfraud.retraining.drift.core.DriftReport.FeatureDrift;
import io.openfraud.retraining.drift.core.DriftReport.PredictionDrift;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares a production profile with its reference: per-feature drift, dataset drift, prediction drift. */
public final class DriftCalculator {

    private DriftCalculator() {
    }

    /**
     * The report of {@code production} (a window) against {@code reference}.
     *
     * @param scoreBaseline score distribution to compare the window's scores with when the reference carries none
     *                      (for example the previous window), or null
     */
    public static DriftReport compare(ReferenceProfile reference, ProductionProfile production,
            NumericHistogram scoreBaseline, DriftSettings settings, Instant from, Instant to, Instant now) {
        List<FeatureDrift> features = new ArrayList<>();
        int compared = 0;
        int drifted = 0;
        for (int i = 0; i < reference.features().size(); i++) {
            FeatureDrift d = feature(reference.features().get(i), production.histogram(i), settings);
            features.add(d);
            if (d.compared()) {
                compared++;
                if (d.drifted()) {
                    drifted++;
                }
            }
        }
        double share = compared == 0 ? 0 : (double) drifted / compared;
        DatasetDrift dataset = new DatasetDrift(compared, drifted, share,
                compared > 0 && share >= settings.datasetDriftShare());
        NumericHistogram baseline = reference.scores();
        String baselineName = "reference";
        if (baseline == null) {
            baseline = scoreBaseline;
            baselineName = "previous-window";
        }
        PredictionDrift prediction = prediction(baseline, baselineName, production.scores(), settings);
        return new DriftReport(now, from, to, reference.featureSetVersion(), reference.modelVersion(),
                reference.source(), reference.rows(), production.vectors(), settings, features, dataset, prediction);
    }

    static FeatureDrift feature(FeatureReference ref, Object histogram, DriftSettings settings) {
        if (ref.kind() == FeatureKind.NUMERIC) {
            NumericHistogram p = (NumericHistogram) histogram;
            List<Bin> bins = numericBins(ref.numeric(), p);
            if (p.total() < settings.minRows() || ref.numeric().total() == 0) {
                return new FeatureDrift(ref.name(), ref.kind(), false, null, null, null, null, false, bins);
            }
            double psi = DriftStatistics.psi(ref.numeric(), p);
            double w = DriftStatistics.wasserstein(ref.numeric(), p);
            double normed = DriftStatistics.normedWasserstein(w, ref.std());
            boolean drifted = settings.method() == DriftSettings.Method.PSI ? psi > settings.psiThreshold()
                    : normed > settings.wassersteinThreshold();
            return new FeatureDrift(ref.name(), ref.kind(), true, psi, w, normed, null, drifted, bins);
        }
        CategoricalHistogram p = (CategoricalHistogram) histogram;
        List<Bin> bins = categoricalBins(ref.categorical(), p);
        if (p.total() < settings.minRows() || ref.categorical().total() == 0) {
            return new FeatureDrift(ref.name(), ref.kind(), false, null, null, null, null, false, bins);
        }
        double psi = DriftStatistics.psi(ref.categorical(), p);
        double js = DriftStatistics.jensenShannon(ref.categorical(), p);
        boolean drifted = settings.method() == DriftSettings.Method.PSI ? psi > settings.psiThreshold()
                : js > settings.jensenShannonThreshold();
        return new FeatureDrift(ref.name(), ref.kind(), true, psi, null, null, js, drifted, bins);
    }

    static PredictionDrift prediction(NumericHistogram baseline, String baselineName, NumericHistogram window,
            DriftSettings settings) {
        if (baseline == null || baseline.total() == 0) {
            return new PredictionDrift("none", null, null, false, window.total(), numericBins(null, window));
        }
        List<Bin> bins = numericBins(baseline, window);
        if (window.total() < settings.minRows()) {
            return new PredictionDrift(baselineName, null, null, false, window.total(), bins);
        }
        double psi = DriftStatistics.psi(baseline, window);
        double w = DriftStatistics.wasserstein(baseline, window);
        return new PredictionDrift(baselineName, psi, w, psi > settings.predictionPsiThreshold(), window.total(),
                bins);
    }

    static List<Bin> numericBins(NumericHistogram reference, NumericHistogram production) {
        long[] p = production.counts();
        long[] r = reference == null ? new long[p.length] : reference.counts();
        double rt = Math.max(1, sum(r));
        double pt = Math.max(1, sum(p));
        double[] edges = production.edges();
        List<Bin> bins = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            String label;
            if (i == 0) {
                label = "< " + format(edges[0]);
            } else if (i == p.length - 1) {
                label = "> " + format(edges[edges.length - 1]);
            } else if (edges.length == 1) {
                label = "= " + format(edges[0]);
            } else {
                label = "[" + format(edges[i - 1]) + ", " + format(edges[i]) + (i == p.length - 2 ? "]" : ")");
            }
            bins.add(new Bin(label, r[i], p[i], r[i] / rt, p[i] / pt));
        }
        return bins;
    }

    static List<Bin> categoricalBins(CategoricalHistogram reference, CategoricalHistogram production) {
        Map<String, Long> r = reference.asMap();
        Map<String, Long> p = production.asMap();
        java.util.Set<String> keys = new java.util.TreeSet<>(java.util.Comparator.comparingDouble(Double::parseDouble));
        keys.addAll(r.keySet());
        keys.addAll(p.keySet());
        double rt = Math.max(1, reference.total());
        double pt = Math.max(1, production.total());
        List<Bin> bins = new ArrayList<>();
        for (String k : keys) {
            long rc = r.getOrDefault(k, 0L);
            long pc = p.getOrDefault(k, 0L);
            bins.add(new Bin(k, rc, pc, rc / rt, pc / pt));
        }
        return bins;
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
