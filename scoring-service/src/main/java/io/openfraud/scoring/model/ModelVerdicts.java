package io.openfraud.scoring.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.Reason;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.explain.Attribution;
import io.openfraud.model.explain.Occlusion;
import io.openfraud.model.network.FraudModel;
import io.openfraud.scoring.config.DecisionConfig;
import io.openfraud.scoring.rules.RulesVerdicts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Verdicts of the champion model, the same for the REST and the stream path: the vector in the artifact's feature
 * order (a missing feature takes the artifact's training median and is listed in {@code degraded}), the calibrated
 * score, a decision from the artifact's thresholds (or {@code openfraud.scoring.decision.*} when set), and the
 * occlusion's top reasons as reason codes. Without a model, for a vector of another feature set, or when the model
 * fails, the rules fallback answers (a failure says so in {@code degraded}); this never throws.
 */
@ApplicationScoped
public class ModelVerdicts {

    private static final Logger LOG = Logger.getLogger(ModelVerdicts.class);

    /** {@code degraded} entry: the model failed and the rules answered. */
    public static final String MODEL_FAILED = "MODEL_FAILED";
    /** {@code degraded} entry: the vector is of another feature set than the model's; the rules answered. */
    public static final String FEATURE_SET_MISMATCH = "FEATURE_SET_MISMATCH";
    /** {@code degraded} entry prefix: {@code FEATURE_MISSING:<name>} took the training median. */
    public static final String FEATURE_MISSING = "FEATURE_MISSING:";

    /** Where a verdict is asked for (a metric tag). */
    public enum Path { REST, STREAM }

    private final ChampionHolder champion;
    private final ChallengerHolder challenger;
    private final RulesVerdicts rules;
    private final DecisionConfig decisions;
    private final ModelConfig config;
    private final MeterRegistry meters;

    ModelVerdicts(ChampionHolder champion, ChallengerHolder challenger, RulesVerdicts rules, DecisionConfig decisions, ModelConfig config,
            MeterRegistry meters) {
        this.champion = champion;
        this.challenger = challenger;
        this.rules = rules;
        this.decisions = decisions;
        this.config = config;
        this.meters = meters;
    }

    public Verdict score(Map<String, Double> features, String featureSetVersion, List<String> degraded, Path path) {
        Timer.Sample sample = Timer.start(meters);
        Verdict verdict = verdict(features, featureSetVersion, degraded);
        sample.stop(Timer.builder("openfraud.scoring.latency").tag("path", path.name())
                .tag("scorer", verdict.scorer().name()).publishPercentileHistogram().register(meters));
        meters.counter("openfraud.scoring.decisions", "scorer", verdict.scorer().name(), "model_version",
                verdict.modelVersion(), "decision", verdict.decision().name()).increment();
        if (path == Path.STREAM) {
            shadow(features, featureSetVersion, verdict);
        }
        return verdict;
    }

    /** One row of a batch: a feature vector and its feature set. */
    public record Row(Map<String, Double> features, String featureSetVersion) {
    }

    /**
     * Verdicts of a batch, in order, with one model call for every row's score (the stream's micro-batches). Each
     * verdict is the one {@link #score} gives for the same row: same model, same vector, same thresholds and
     * reasons; a row the model fails on (a non-finite score) falls back to the rules alone, the others keep theirs.
     */
    public List<Verdict> scoreBatch(List<Row> rows, Path path) {
        if (rows.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<Verdict> verdicts = verdicts(rows, path == Path.STREAM
                && config.streamReasons() == ModelConfig.StreamReasons.FLAGGED);
        long perRow = (System.nanoTime() - started) / rows.size();
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict verdict = verdicts.get(i);
            Timer.builder("openfraud.scoring.latency").tag("path", path.name()).tag("scorer", verdict.scorer().name())
                    .publishPercentileHistogram().register(meters)
                    .record(perRow, java.util.concurrent.TimeUnit.NANOSECONDS);
            meters.counter("openfraud.scoring.decisions", "scorer", verdict.scorer().name(), "model_version",
                    verdict.modelVersion(), "decision", verdict.decision().name()).increment();
        }
        if (path == Path.STREAM) {
            shadow(rows, verdicts);
        }
        return verdicts;
    }

    /** The challenger's shadow scores of a batch, in one model call: logged and counted, never decide. */
    private void shadow(List<Row> rows, List<Verdict> decided) {
        ServingModel serving = challenger.acquire();
        if (serving == null) {
            return;
        }
        try {
            ModelMetadata metadata = serving.model().metadata();
            List<Integer> comparable = new ArrayList<>();
            List<double[]> vectors = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (metadata.featureSetVersion().equals(rows.get(i).featureSetVersion())) {
                    comparable.add(i);
                    vectors.add(vector(metadata, rows.get(i).features(), new ArrayList<>()));
                }
            }
            if (vectors.isEmpty()) {
                return;
            }
            double[] scores = serving.model().score(vectors.toArray(double[][]::new));
            ModelMetadata.Thresholds t = metadata.thresholds();
            for (int k = 0; k < scores.length; k++) {
                var decision = RulesVerdicts.decide(scores[k], decisions.reviewThreshold().orElse(t.review()),
                        decisions.declineThreshold().orElse(t.decline()));
                Verdict verdict = decided.get(comparable.get(k));
                meters.counter("openfraud.scoring.shadow", "challenger", serving.version(), "agreement",
                        Boolean.toString(decision == verdict.decision())).increment();
            }
        } catch (RuntimeException e) {
            LOG.debugf("shadow scoring of a batch with %s failed: %s", serving.version(), e.toString());
        } finally {
            serving.release();
        }
    }

    private List<Verdict> verdicts(List<Row> rows, boolean flaggedOnly) {
        ServingModel serving = champion.acquire();
        if (serving == null) {
            return rows.stream().map(r -> rules.score(r.features(), r.featureSetVersion(), List.of())).toList();
        }
        try {
            FraudModel model = serving.model();
            ModelMetadata metadata = model.metadata();
            Verdict[] out = new Verdict[rows.size()];
            List<Integer> modelled = new ArrayList<>();
            List<double[]> vectors = new ArrayList<>();
            List<List<String>> missing = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                Row row = rows.get(i);
                if (!metadata.featureSetVersion().equals(row.featureSetVersion())) {
                    out[i] = rules.score(row.features(), row.featureSetVersion(), List.of(FEATURE_SET_MISMATCH));
                } else {
                    List<String> m = new ArrayList<>();
                    vectors.add(vector(metadata, row.features(), m));
                    missing.add(m);
                    modelled.add(i);
                }
            }
            double[] scores;
            try {
                scores = vectors.isEmpty() ? new double[0] : model.score(vectors.toArray(double[][]::new));
            } catch (RuntimeException failure) {
                LOG.errorf("model %s failed on a batch of %d, scoring it with rules: %s", serving.version(),
                        vectors.size(), failure.toString());
                scores = null;
            }
            for (int k = 0; k < modelled.size(); k++) {
                int i = modelled.get(k);
                Row row = rows.get(i);
                double score = scores == null ? Double.NaN : scores[k];
                try {
                    if (!(score >= 0.0 && score <= 1.0)) {
                        throw new IllegalStateException("the model returned " + score);
                    }
                    out[i] = modelVerdict(serving, vectors.get(k), score, missing.get(k), List.of(), flaggedOnly);
                } catch (RuntimeException failure) {
                    if (scores != null) {
                        LOG.errorf("model %s failed, scoring with rules: %s", serving.version(), failure.toString());
                    }
                    out[i] = rules.score(row.features(), row.featureSetVersion(), List.of(MODEL_FAILED));
                }
            }
            return List.of(out);
        } finally {
            serving.release();
        }
    }

    private Verdict modelVerdict(ServingModel serving, double[] vector, double score, List<String> missing,
            List<String> degraded, boolean flaggedOnly) {
        FraudModel model = serving.model();
        ModelMetadata metadata = model.metadata();
        ModelMetadata.Thresholds t = metadata.thresholds();
        Decision decision = RulesVerdicts.decide(score, decisions.reviewThreshold().orElse(t.review()),
                decisions.declineThreshold().orElse(t.decline()));
        List<Reason> reasons = flaggedOnly && decision == Decision.APPROVE ? List.of()
                : Occlusion.topReasons(model, vector, config.reasons()).stream().map(ModelVerdicts::reason).toList();
        return new Verdict(score, decision, reasons, serving.version(), metadata.featureSetVersion(), Scorer.MODEL,
                with(degraded, missing));
    }

    /** Scores with the challenger too, if there is one: logged and counted (agreement), never decides. */
    private void shadow(Map<String, Double> features, String featureSetVersion, Verdict decided) {
        ServingModel serving = challenger.acquire();
        if (serving == null) {
            return;
        }
        try {
            ModelMetadata metadata = serving.model().metadata();
            if (!metadata.featureSetVersion().equals(featureSetVersion)) {
                return;
            }
            double score = serving.model().score(vector(metadata, features, new ArrayList<>()));
            ModelMetadata.Thresholds t = metadata.thresholds();
            var decision = RulesVerdicts.decide(score, decisions.reviewThreshold().orElse(t.review()),
                    decisions.declineThreshold().orElse(t.decline()));
            boolean agrees = decision == decided.decision();
            meters.counter("openfraud.scoring.shadow", "challenger", serving.version(), "agreement",
                    Boolean.toString(agrees)).increment();
            LOG.debugf("shadow %s: %.4f %s (decided %s %.4f %s)", serving.version(), score, decision,
                    decided.modelVersion(), decided.score(), decided.decision());
        } catch (RuntimeException e) {
            LOG.debugf("shadow scoring with %s failed: %s", serving.version(), e.toString());
        } finally {
            serving.release();
        }
    }

    private static double[] vector(ModelMetadata metadata, Map<String, Double> features, List<String> missing) {
        List<String> names = metadata.featureNames();
        double[] vector = new double[names.size()];
        for (int i = 0; i < vector.length; i++) {
            Double value = features.get(names.get(i));
            if (value == null || !Double.isFinite(value)) {
                vector[i] = metadata.medians()[i];
                missing.add(FEATURE_MISSING + names.get(i));
            } else {
                vector[i] = value;
            }
        }
        return vector;
    }

    private Verdict verdict(Map<String, Double> features, String featureSetVersion, List<String> degraded) {
        ServingModel serving = champion.acquire();
        if (serving == null) {
            return rules.score(features, featureSetVersion, degraded);
        }
        try {
            FraudModel model = serving.model();
            ModelMetadata metadata = model.metadata();
            if (!metadata.featureSetVersion().equals(featureSetVersion)) {
                return rules.score(features, featureSetVersion, with(degraded, List.of(FEATURE_SET_MISMATCH)));
            }
            List<String> missing = new ArrayList<>();
            double[] vector = vector(metadata, features, missing);
            double score = model.score(vector);
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalStateException("the model returned " + score);
            }
            return modelVerdict(serving, vector, score, missing, degraded, false);
        } catch (RuntimeException failure) {
            LOG.errorf("model %s failed, scoring with rules: %s", serving.version(), failure.toString());
            return rules.score(features, featureSetVersion, with(degraded, List.of(MODEL_FAILED)));
        } finally {
            serving.release();
        }
    }

    private static Reason reason(Attribution a) {
        return new Reason(ReasonCodes.of(a.feature()), a.feature(), a.effect());
    }

    private static List<String> with(List<String> degraded, List<String> more) {
        if (more.isEmpty()) {
            return degraded;
        }
        List<String> all = new ArrayList<>(degraded);
        all.addAll(more);
        return all;
    }
}
