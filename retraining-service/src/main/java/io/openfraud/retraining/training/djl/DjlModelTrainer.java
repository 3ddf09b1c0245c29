package io.openfraud.retraining.training.djl;

import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.metrics.ConfusionMatrix;
import io.openfraud.model.metrics.Curves;
import io.openfraud.model.metrics.Metrics;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.training.Evaluation;
import io.openfraud.model.training.LabelledRows;
import io.openfraud.model.training.TimeSplit;
import io.openfraud.model.training.TrainingConfig;
import io.openfraud.model.training.TrainingReport;
import io.openfraud.model.training.TrainingResult;
import io.openfraud.retraining.drift.service.ReferenceService;
import io.openfraud.retraining.performance.OutcomeStore;
import io.openfraud.retraining.registry.config.RegistryConfig;
import io.openfraud.retraining.training.Incumbent;
import io.openfraud.retraining.training.ModelTrainer;
import io.openfraud.retraining.training.TrainedModel;
import io.openfraud.retraining.training.TrainingProgress;
import io.openfraud.retraining.training.TrainingRequest;
import io.openfraud.retraining.training.VersionRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The production {@link ModelTrainer}: builds the window's training rows ({@link TrainingData}: ingestion's masked
 * export through the offline point-in-time builder, joined with the current labels; or generated data for a
 * {@code synthetic} run), trains with libs/fraud-model's DJL trainer, and evaluates the candidate and the champion on
 * the same test slice (the latest share of the window by time) for the promotion gate. Once the version is registered
 * ({@link VersionRegistered}) it records the version's baseline for performance monitoring and, if it became
 * champion, activates the drift reference from the training rows.
 */
@ApplicationScoped
public class DjlModelTrainer implements ModelTrainer {

    private static final Logger LOG = Logger.getLogger(DjlModelTrainer.class);
    /** Training progress share given to reading the data (the rest: epochs, then evaluation). */
    private static final double DATA_SHARE = 0.1;
    private static final double EPOCH_SHARE = 0.8;
    /** Most points per curve in the report. */
    static final int CURVE_POINTS = 200;

    private final TrainingData data;
    private final TrainerConfig config;
    private final ReferenceService references;
    private final OutcomeStore outcomes;
    private final String modelName;
    /**
     * What the latest run leaves for its registration (its rows can be large): one run at a time per deployment, so a
     * new run drops what a run that never registered (a failed registration) left behind.
     */
    private final Map<Long, Trained> awaitingRegistration = new ConcurrentHashMap<>();

    DjlModelTrainer(TrainingData data, TrainerConfig config, ReferenceService references, OutcomeStore outcomes,
            RegistryConfig registry) {
        this.modelName = registry.modelName();
        this.data = data;
        this.config = config;
        this.references = references;
        this.outcomes = outcomes;
    }

    /** A trained run kept until its version is registered. */
    record Trained(LabelledRows rows, double[] testScores, double threshold, Evaluation test) {
    }

    @Override
    public TrainedModel train(TrainingRequest request, Optional<Incumbent> incumbent, TrainingProgress progress)
            throws Exception {
        return train(request, incumbent, progress, data.export());
    }

    /** As {@link #train(TrainingRequest, Optional, TrainingProgress)}, reading the export through {@code export}. */
    TrainedModel train(TrainingRequest request, Optional<Incumbent> incumbent, TrainingProgress progress,
            IngestionExport export) throws Exception {
        TrainingConfig settings = settings(request.hyperparameters());
        progress.report(0, request.synthetic() ? "generating synthetic data" : "reading the export");
        TrainingData.Built built = request.synthetic() ? data.synthetic(request.windowStart())
                : data.exported(export, request.windowStart(), request.windowEnd(), progress);
        LabelledRows rows = built.rows();
        if (rows.size() < 10 || rows.frauds() == 0) {
            throw new IllegalStateException("the window " + request.windowStart() + ".." + request.windowEnd()
                    + " has " + rows.size() + " training rows and " + rows.frauds() + " frauds: too few to train ("
                    + built.transactions() + " exported transactions, " + built.labelled() + " labelled)");
        }
        progress.report(DATA_SHARE, "training on " + rows.size() + " rows, " + rows.frauds() + " frauds");
        // the artifact names the model, not the version: the registry numbers versions when it registers them, and
        // the same data and settings must give the same bytes whatever the run
        TrainingResult result = io.openfraud.model.training.ModelTrainer.train(rows, FeatureSet.VERSION,
                modelName, settings, (epoch, max, ap) -> progress.report(
                        DATA_SHARE + EPOCH_SHARE * epoch / max, String.format(java.util.Locale.ROOT,
                                "epoch %d/%d, validation PR-AUC %.4f", epoch, max, ap)));
        TrainingReport report = result.report();
        ModelArtifact artifact = result.artifact();
        byte[] bytes = artifact.toBytes();
        String sha256 = ModelArtifact.sha256(bytes);

        progress.report(0.92, "evaluating on the test slice");
        LabelledRows test = TimeSplit.of(rows, settings.trainFraction(), settings.validationFraction()).test();
        double[] candidateScores;
        try (FraudModel model = FraudModel.load(ModelArtifact.read(bytes, FeatureSet.VERSION, sha256), 1)) {
            candidateScores = model.score(test.features());
        }
        Map<String, Double> metrics = gateMetrics(candidateScores, test.labels(), settings.declineFpr());
        metrics.put("rocAuc", report.model().rocAuc());
        metrics.put("recallAt1PctFpr", report.model().recallAt1PctFpr());
        metrics.put("precisionAtK", report.model().precisionAtK());
        metrics.put("brier", report.model().brier());
        metrics.put("rulesPrAuc", report.rules().prAuc());
        double[] rulesScores = rulesScores(test);
        metrics.put("rulesRecallAtTargetFpr", Metrics.recallAtFpr(rulesScores, test.labels(),
                settings.declineFpr()));

        String incumbentVersion = null;
        Map<String, Double> incumbentMetrics = Map.of();
        String incumbentNote = "no champion";
        if (incumbent.isPresent()) {
            Incumbent champion = incumbent.get();
            if (FeatureSet.VERSION.equals(champion.featureSetVersion())) {
                progress.report(0.96, "evaluating champion " + champion.version() + " on the same test slice");
                try (FraudModel model = FraudModel.load(ModelArtifact.read(champion.artifact(),
                        champion.featureSetVersion(), champion.sha256()), 1)) {
                    incumbentMetrics = gateMetrics(model.score(test.features()), test.labels(),
                            settings.declineFpr());
                    incumbentVersion = champion.version();
                    incumbentNote = "evaluated on the same test slice";
                }
            } else {
                incumbentNote = "champion " + champion.version() + " uses feature set " + champion.featureSetVersion()
                        + ", not " + FeatureSet.VERSION + ": not comparable";
            }
        }

        Map<String, Object> runReport = new LinkedHashMap<>();
        runReport.put("synthetic", request.synthetic());
        runReport.put("dataWindow", Map.of("start", request.windowStart().toString(), "end",
                request.windowEnd().toString()));
        runReport.put("exportedTransactions", built.transactions());
        runReport.put("excludedTransactions", built.excluded());
        runReport.put("model", report.model());
        runReport.put("rules", report.rules());
        runReport.put("rulesThreshold", report.rulesThreshold());
        runReport.put("thresholds", artifact.metadata().thresholds());
        runReport.put("trainWindow", report.train());
        runReport.put("validationWindow", report.validation());
        runReport.put("testWindow", report.test());
        runReport.put("epochs", report.epochs());
        runReport.put("bestEpoch", report.bestEpoch());
        runReport.put("validationPrAuc", report.validationPrAuc());
        runReport.put("trainingRowsPerSecond", report.trainingRowsPerSecond());
        runReport.put("champion", incumbentNote);
        runReport.put("curves", curves(candidateScores, rulesScores, test.labels()));

        Evaluation atThreshold = Evaluation.of(candidateScores, test.labels(),
                artifact.metadata().thresholds().decline(), settings.precisionK());
        awaitingRegistration.clear();
        awaitingRegistration.put(request.runId(), new Trained(rows, candidateScores,
                artifact.metadata().thresholds().decline(), atThreshold));
        progress.report(1, "trained");
        return new TrainedModel(bytes, sha256, FeatureSet.VERSION, settings.asMap(), rows.size(),
                built.labelled(), rows.frauds(), report.test().from(), report.test().to(), metrics,
                incumbentVersion, incumbentMetrics, runReport);
    }

    /**
     * After registration: the version's test metrics become its performance baseline, and a new champion's training
     * rows become the drift reference (production is compared with what the serving model learnt from).
     */
    void registered(@Observes VersionRegistered event) {
        Trained trained = awaitingRegistration.remove(event.runId());
        if (trained == null) {
            return; // another trainer (tests) or a replica restart: nothing kept
        }
        try {
            ConfusionMatrix c = trained.test().confusion();
            outcomes.putBaseline(new OutcomeStore.Baseline(event.version(), trained.threshold(), trained.test().prAuc(),
                    c.truePositives() + c.falsePositives() == 0 ? null : c.precision(),
                    c.truePositives() + c.falseNegatives() == 0 ? null : c.recall()));
            if (event.champion()) {
                references.activateTrainingSet(trained.rows().features(), trained.rows().featureNames(),
                        trained.testScores(), event.version(), "training-run " + event.runId());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "training run %d: baseline or drift reference of version %s not recorded", event.runId(),
                    event.version());
        }
    }

    /** The promotion gate's metrics: PR-AUC and recall at the target false-positive rate. */
    private static Map<String, Double> gateMetrics(double[] scores, boolean[] labels, double targetFpr) {
        Map<String, Double> m = new TreeMap<>();
        m.put("prAuc", Metrics.averagePrecision(scores, labels));
        m.put("recallAtTargetFpr", Metrics.recallAtFpr(scores, labels, targetFpr));
        return m;
    }

    /**
     * PR and ROC curves of the model and of the rules fallback on the same test rows, at most {@link #CURVE_POINTS}
     * points each: what the HTML report draws and tabulates.
     */
    public static Map<String, Object> curves(double[] modelScores, double[] rulesScores, boolean[] labels) {
        Map<String, Object> curves = new LinkedHashMap<>();
        curves.put("maxPoints", CURVE_POINTS);
        curves.put("model", Map.of("pr", Curves.precisionRecall(modelScores, labels, CURVE_POINTS),
                "roc", Curves.roc(modelScores, labels, CURVE_POINTS)));
        curves.put("rules", Map.of("pr", Curves.precisionRecall(rulesScores, labels, CURVE_POINTS),
                "roc", Curves.roc(rulesScores, labels, CURVE_POINTS)));
        return curves;
    }

    private static double[] rulesScores(LabelledRows rows) {
        io.openfraud.model.rules.RulesScorer rules = io.openfraud.model.rules.RulesScorer.forFeatures(
                rows.featureNames());
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rules.probability(rows.features()[i]);
        }
        return out;
    }

    /** The defaults with a run's overrides: {@code max_epochs}, {@code patience}, {@code seed}. */
    TrainingConfig settings(Map<String, String> overrides) {
        TrainingConfig settings = TrainingConfig.defaults();
        int maxEpochs = config.maxEpochs();
        int patience = settings.patience();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            try {
                switch (e.getKey()) {
                    case "max_epochs" -> maxEpochs = Integer.parseInt(e.getValue());
                    case "patience" -> patience = Integer.parseInt(e.getValue());
                    case "seed" -> settings = settings.withSeed(Long.parseLong(e.getValue()));
                    default -> throw new IllegalArgumentException("unknown hyperparameter " + e.getKey()
                            + " (known: max_epochs, patience, seed)");
                }
            } catch (NumberFormatException bad) {
                throw new IllegalArgumentException("hyperparameter " + e.getKey() + " is not a number");
            }
        }
        return settings.withEpochs(maxEpochs, patience);
    }
}
