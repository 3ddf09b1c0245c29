package io.openfraud.retraining.performance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code openfraud_model_pr_auc_drop{model_version}}: registered minus rolling PR-AUC per model version (NaN until
 * measured). A series exists for every version seen in {@code transactions.scored} or with a baseline, from start.
 */
@ApplicationScoped
@Startup
public class PerformanceGauges {

    /** Prometheus name of the gauge. */
    public static final String PR_AUC_DROP = "openfraud_model_pr_auc_drop";

    private static final Logger LOG = Logger.getLogger(PerformanceGauges.class);

    private final MeterRegistry registry;
    private final Map<String, Double> drops = new ConcurrentHashMap<>();

    PerformanceGauges(MeterRegistry registry, OutcomeStore outcomes) {
        this.registry = registry;
        try {
            outcomes.knownVersions().forEach(this::track);
        } catch (RuntimeException e) {
            LOG.warnf("model versions not loaded for the gauges at start: %s", e.getMessage());
        }
    }

    /** Makes sure {@code version} has a series. */
    public void track(String version) {
        if (drops.putIfAbsent(version, Double.NaN) == null) {
            Gauge.builder(PR_AUC_DROP, drops, m -> m.getOrDefault(version, Double.NaN))
                    .description("registered test PR-AUC minus rolling PR-AUC on matured labels")
                    .tag("model_version", version).register(registry);
        }
    }

    /** Publishes the latest measurements. */
    public void update(List<VersionPerformance> performances) {
        for (VersionPerformance p : performances) {
            track(p.modelVersion());
            drops.put(p.modelVersion(), p.prAucDrop() == null ? Double.NaN : p.prAucDrop());
        }
    }
}
