package io.openfraud.retraining.drift.config;

import io.openfraud.retraining.drift.core.DriftSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Drift monitoring ({@code openfraud.drift.*}). Thresholds default to Evidently's. */
@ConfigMapping(prefix = "openfraud.drift")
public interface DriftConfig {

    /** Statistic that decides whether a feature drifted: PSI, or DISTANCE (normed Wasserstein / Jensen-Shannon). */
    @WithDefault("PSI")
    DriftSettings.Method method();

    /** A feature drifts when its PSI exceeds this (Evidently: 0.1). */
    @WithDefault("0.1")
    double psiThreshold();

    /** A numeric feature drifts when its normed Wasserstein-1 exceeds this (method DISTANCE; Evidently: 0.1). */
    @WithDefault("0.1")
    double wassersteinThreshold();

    /** A categorical feature drifts when its Jensen-Shannon distance exceeds this (method DISTANCE; Evidently: 0.1). */
    @WithDefault("0.1")
    double jensenShannonThreshold();

    /** The dataset drifts when at least this share of the compared features drifts (Evidently: 0.5). */
    @WithDefault("0.5")
    double datasetDriftShare();

    /** The score distribution drifts when its PSI exceeds this. */
    @WithDefault("0.1")
    double predictionPsiThreshold();

    /** A feature with fewer production values in the window is not compared. */
    @WithDefault("100")
    long minRows();

    /** Quantile bins per numeric feature when a reference is built (Evidently uses 10 for PSI). */
    @WithDefault("10")
    int bins();

    /** Length of the production window compared with the reference (ending at the latest bucket with data). */
    @WithDefault("PT24H")
    Duration window();

    /** Width of a time bucket (event time); a window is a whole number of buckets. */
    @WithDefault("PT1H")
    Duration bucket();

    /** Buckets older than this (behind the newest) are deleted by the scheduled check. */
    @WithDefault("P35D")
    Duration retention();

    /** How often each replica merges its in-memory counts into PostgreSQL ({@code @Scheduled} syntax, e.g. 30s). */
    @WithDefault("30s")
    String flushInterval();

    /** How often the drift and performance check runs, once across replicas ({@code @Scheduled} syntax). */
    @WithDefault("15m")
    String checkInterval();

    /** The settings the calculator applies. */
    default DriftSettings settings() {
        return new DriftSettings(method(), psiThreshold(), wassersteinThreshold(), jensenShannonThreshold(),
                datasetDriftShare(), predictionPsiThreshold(), minRows());
    }
}
