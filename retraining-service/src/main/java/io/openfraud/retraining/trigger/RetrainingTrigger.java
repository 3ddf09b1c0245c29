package io.openfraud.retraining.trigger;

import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.retraining.drift.core.DriftReport;
import io.openfraud.retraining.performance.PerformanceConfig;
import io.openfraud.retraining.performance.VersionPerformance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns monitoring results into retraining requests: drift or decay beyond its threshold requests retraining through
 * {@link RetrainingRequests}, at most once per {@code openfraud.retraining.trigger.min-interval} (later reasons are
 * recorded as DEBOUNCED), and every decision is audited with its reason. Decisions are serialised across replicas.
 */
@ApplicationScoped
public class RetrainingTrigger {

    private final RetrainingConfig config;
    private final PerformanceConfig performance;
    private final TriggerStore store;
    private final RetrainingRequests requests;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    RetrainingTrigger(RetrainingConfig config, PerformanceConfig performance, TriggerStore store,
            RetrainingRequests requests, MeterRegistry registry) {
        this.config = config;
        this.performance = performance;
        this.store = store;
        this.requests = requests;
        this.registry = registry;
    }

    /** Reasons in a drift report and performance results that call for retraining (empty if none). */
    public List<RetrainingRequest> reasons(DriftReport drift, List<VersionPerformance> performances, Instant now) {
        RetrainingConfig.Trigger t = config.trigger();
        List<RetrainingRequest> reasons = new ArrayList<>();
        if (drift != null && t.onDatasetDrift() && drift.dataset().drifted()) {
            reasons.add(new RetrainingRequest(TriggerKind.DRIFT, String.format(Locale.ROOT,
                    "dataset drift: %d of %d features drifted (share %.3f >= %.3f, %s) in %s..%s",
                    drift.dataset().driftedFeatures(), drift.dataset().comparedFeatures(), drift.dataset().share(),
                    drift.settings().datasetDriftShare(), drift.settings().method(), drift.windowFrom(),
                    drift.windowTo()), now));
        }
        if (drift != null && t.onPredictionDrift() && drift.prediction().drifted()) {
            reasons.add(new RetrainingRequest(TriggerKind.DRIFT, String.format(Locale.ROOT,
                    "prediction drift: score PSI %.4f > %.4f against the %s", drift.prediction().psi(),
                    drift.settings().predictionPsiThreshold(), drift.prediction().baseline()), now));
        }
        if (t.onDecay()) {
            for (VersionPerformance p : performances) {
                if (p.decayed()) {
                    reasons.add(new RetrainingRequest(TriggerKind.DECAY, String.format(Locale.ROOT,
                            "performance decay of %s: PR-AUC %.4f against %.4f registered (drop %.4f > %.4f) on %d"
                                    + " matured verdicts, %d frauds", p.modelVersion(), p.prAuc(), p.registeredPrAuc(),
                            p.prAucDrop(), performance.prAucDropThreshold(), p.verdicts(), p.positives()), now));
                }
            }
        }
        return reasons;
    }

    /** Decides on monitoring results: one audited decision per reason (the first may request, the rest debounce). */
    public List<TriggerDecision> consider(DriftReport drift, List<VersionPerformance> performances) {
        Instant now = clock.instant();
        List<TriggerDecision> decisions = new ArrayList<>();
        for (RetrainingRequest reason : reasons(drift, performances, now)) {
            decisions.add(decide(reason, true));
        }
        return decisions;
    }

    private TriggerDecision decide(RetrainingRequest request, boolean debounce) {
        TriggerDecision decision = store.decide(last -> {
            if (request.kind() != TriggerKind.SCHEDULE && !config.trigger().enabled()) {
                return new TriggerDecision(request.requestedAt(), request.kind(), TriggerDecision.Outcome.DISABLED,
                        request.reason(), null, null);
            }
            Optional<Instant> debouncedUntil = last.map(l -> l.plus(config.trigger().minInterval()));
            if (debounce && debouncedUntil.isPresent() && request.requestedAt().isBefore(debouncedUntil.get())) {
                return new TriggerDecision(request.requestedAt(), request.kind(), TriggerDecision.Outcome.DEBOUNCED,
                        request.reason() + "; last request at " + last.get() + ", next allowed from "
                                + debouncedUntil.get(), null, null);
            }
            long id = requests.request(request);
            return new TriggerDecision(request.requestedAt(), request.kind(), TriggerDecision.Outcome.REQUESTED,
                    request.reason(), id, store.requestStatus(id));
        });
        registry.counter("openfraud_retraining_trigger_decisions", "kind", decision.kind().name(), "outcome",
                decision.outcome().name()).increment();
        return decision;
    }
}
