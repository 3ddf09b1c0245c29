package io.openfraud.retraining.drift.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.features.FeatureSet;
import io.openfraud.retraining.drift.core.DriftReport;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drift gauges from the latest check: {@code openfraud_drift_psi{feature}} (a series per feature of the feature set
 * from start, NaN until measured or when a feature had too little data), {@code openfraud_drift_dataset_share},
 * {@code openfraud_drift_dataset_drifted} (1 or 0) and {@code openfraud_drift_prediction_psi}.
 */
@ApplicationScoped
@Startup
public class DriftGauges {

    /** Prometheus name of the per-feature PSI gauge. */
    public static final String PSI = "openfraud_drift_psi";

    private final MeterRegistry registry;
    private final Map<String, Double> psi = new ConcurrentHashMap<>();
    private volatile double share = Double.NaN;
    private volatile double drifted = Double.NaN;
    private volatile double predictionPsi = Double.NaN;

    DriftGauges(MeterRegistry registry) {
        this.registry = registry;
        FeatureSet.names().forEach(this::track);
        Gauge.builder("openfraud_drift_dataset_share", this, g -> g.share)
                .description("share of compared features that drifted in the latest check").register(registry);
        Gauge.builder("openfraud_drift_dataset_drifted", this, g -> g.drifted)
                .description("1 if the latest check found dataset drift, else 0").register(registry);
        Gauge.builder("openfraud_drift_prediction_psi", this, g -> g.predictionPsi)
                .description("PSI of the model's score distribution in the latest check").register(registry);
    }

    private void track(String feature) {
        if (psi.putIfAbsent(feature, Double.NaN) == null) {
            Gauge.builder(PSI, psi, m -> m.getOrDefault(feature, Double.NaN))
                    .description("population stability index of a feature against the reference, latest check")
                    .tag("feature", feature).register(registry);
        }
    }

    /** Publishes a report. */
    public void update(DriftReport report) {
        for (DriftReport.FeatureDrift f : report.features()) {
            track(f.name());
            psi.put(f.name(), f.psi() == null ? Double.NaN : f.psi());
        }
        share = report.dataset().share();
        drifted = report.dataset().drifted() ? 1 : 0;
        predictionPsi = report.prediction().psi() == null ? Double.NaN : report.prediction().psi();
    }
}
