package io.openfraud.model.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.artifact.ModelMetadata;
import io.openfraud.model.artifact.ModelMetadata.Calibration;
import io.openfraud.model.artifact.ModelMetadata.Network;
import io.openfraud.model.artifact.ModelMetadata.Normalization;
import io.openfraud.model.artifact.ModelMetadata.Thresholds;
import io.openfraud.model.metrics.Metrics;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.network.FraudNetwork;
import io.openfraud.model.rules.RulesScorer;
import io.openfraud.model.runtime.TorchRuntime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains the fraud network on PyTorch through DJL and evaluates it beside the rules fallback.
 *
 * <ol>
 *   <li>time split (earliest rows train, next validate, latest test);</li>
 *   <li>standardisation statistics and medians from the training rows only; standardised inputs limited to
 *       {@code +-inputClip};</li>
 *   <li>mini-batch Adam on {@link WeightedBinaryCrossEntropy} (frauds weighted by the legit/fraud ratio, capped);
 *       rows shuffled each epoch with a seeded generator; PyTorch seeded too, so a run is reproducible bit for bit
 *       on the same machine, one thread;</li>
 *   <li>early stopping on validation PR-AUC, keeping the best epoch's weights;</li>
 *   <li>Platt calibration and decision thresholds fitted on validation;</li>
 *   <li>metrics of the model and of the rules on the test window.</li>
 * </ol>
 * One training at a time per JVM (PyTorch allows one active gradient collector): calls are serialised here.
 */
public final class ModelTrainer {

    /** Called after each epoch (for progress reporting). */
    @FunctionalInterface
    public interface Progress {
        void epoch(int epoch, int maxEpochs, double validationPrAuc);
    }

    private static final double MAX_POSITIVE_WEIGHT = 50;
    private static final int EVAL_BATCH = 4096;
    private static final Object ONE_AT_A_TIME = new Object();

    private ModelTrainer() {
    }

    /** Trains without progress reporting. */
    public static TrainingResult train(LabelledRows rows, String featureSetVersion, String modelVersion,
            TrainingConfig config) {
        return train(rows, featureSetVersion, modelVersion, config, (e, max, ap) -> { });
    }

    /**
     * Trains, calibrates, chooses thresholds and evaluates.
     *
     * @param rows              all labelled rows of the data window (any order; split by time here)
     * @param featureSetVersion the feature set of the rows ({@code FeatureSet.VERSION})
     * @param modelVersion      version to give the model
     */
    public static TrainingResult train(LabelledRows rows, String featureSetVersion, String modelVersion,
            TrainingConfig config, Progress progress) {
        synchronized (ONE_AT_A_TIME) {
            return run(rows, featureSetVersion, modelVersion, config, progress);
        }
    }

    private static TrainingResult run(LabelledRows rows, String featureSetVersion, String modelVersion,
            TrainingConfig config, Progress progress) {
        TimeSplit split = TimeSplit.of(rows, config.trainFraction(), config.validationFraction());
        LabelledRows train = split.train();
        if (train.frauds() == 0 || split.validation().frauds() == 0) {
            throw new IllegalArgumentException("training and validation windows need frauds: " + train.frauds()
                    + " and " + split.validation().frauds());
        }
        int inputs = rows.featureNames().size();
        Normalization normalization = normalization(train.features(), config.inputClip());
        double[] medians = medians(train.features());
        double positiveWeight = config.positiveWeight() > 0 ? config.positiveWeight()
                : Math.min(MAX_POSITIVE_WEIGHT, (double) (train.size() - train.frauds()) / train.frauds());
        Network network = new Network(inputs, config.hidden(), config.dropout());

        TorchRuntime.load(1, 1);
        Fit fit = fit(network, normalization, train, split.validation(), positiveWeight, config, progress);

        // Load the kept weights exactly as scoring will, and score validation and test through them.
        ModelMetadata draft = new ModelMetadata(ModelArtifact.FORMAT, modelVersion, featureSetVersion,
                rows.featureNames(), network, normalization, medians, new Calibration("none", 1, 0),
                new Thresholds(DecisionThresholds.NOTHING, DecisionThresholds.NOTHING, "draft"), Map.of(), Map.of(),
                null);
        double[] validationLogits;
        double[] testLogits;
        try (FraudModel model = FraudModel.load(ModelArtifact.of(draft, fit.params()), 1)) {
            validationLogits = model.logits(split.validation().features());
            testLogits = model.logits(split.test().features());
        }
        Calibration calibration = PlattScaling.fit(validationLogits, split.validation().labels());
        double[] validationP = probabilities(calibration, validationLogits);
        double[] testP = probabilities(calibration, testLogits);
        Thresholds thresholds = thresholds(validationP, split.validation().labels(), config);

        RulesScorer rules = RulesScorer.forFeatures(rows.featureNames());
        double[] rulesValidation = Arrays.stream(split.validation().features()).mapToDouble(rules::probability)
                .toArray();
        double[] rulesTest = Arrays.stream(split.test().features()).mapToDouble(rules::probability).toArray();
        double rulesThreshold = config.costs() != null
                ? DecisionThresholds.minimumCost(rulesValidation, split.validation().labels(), config.costs())
                : DecisionThresholds.atFpr(rulesValidation, split.validation().labels(), config.declineFpr());

        Evaluation modelEval = Evaluation.of(testP, split.test().labels(), thresholds.decline(), config.precisionK());
        Evaluation rulesEval = Evaluation.of(rulesTest, split.test().labels(), rulesThreshold, config.precisionK());

        Map<String, Double> metrics = new TreeMap<>();
        metrics.put("test_pr_auc", modelEval.prAuc());
        metrics.put("test_roc_auc", modelEval.rocAuc());
        metrics.put("test_recall_at_1pct_fpr", modelEval.recallAt1PctFpr());
        metrics.put("test_precision_at_k", modelEval.precisionAtK());
        metrics.put("test_brier", modelEval.brier());
        metrics.put("test_rules_pr_auc", rulesEval.prAuc());
        metrics.put("validation_pr_auc", fit.validationPrAuc().get(fit.bestEpoch() - 1));
        metrics.put("positive_weight", positiveWeight);
        ModelMetadata metadata = new ModelMetadata(ModelArtifact.FORMAT, modelVersion, featureSetVersion,
                rows.featureNames(), network, normalization, medians, calibration, thresholds, metrics,
                config.asMap(), null);
        ModelArtifact artifact = ModelArtifact.of(metadata, fit.params());

        TrainingReport report = new TrainingReport(modelVersion, featureSetVersion, artifact.sha256(),
                DataWindow.of(train), DataWindow.of(split.validation()), DataWindow.of(split.test()), modelEval,
                rulesEval, thresholds, rulesThreshold, positiveWeight, fit.validationPrAuc().size(), fit.bestEpoch(),
                fit.validationPrAuc(), fit.rowsPerSecond());
        return new TrainingResult(artifact, report);
    }

    private record Fit(byte[] params, int bestEpoch, List<Double> validationPrAuc, double rowsPerSecond) {
    }

    private static Fit fit(Network network, Normalization normalization, LabelledRows train, LabelledRows validation,
            double positiveWeight, TrainingConfig config, Progress progress) {
        Engine.getEngine(TorchRuntime.ENGINE).setRandomSeed((int) config.seed());
        int inputs = network.inputs();
        float[][] x = FraudNetwork.normalize(train.features(), normalization);
        float[][] xValidation = FraudNetwork.normalize(validation.features(), normalization);
        boolean[] y = train.labels();
        SplittableRandom shuffle = new SplittableRandom(config.seed());
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }

        SequentialBlock block = FraudNetwork.block(network);
        try (Model model = Model.newInstance("training", Device.cpu(), TorchRuntime.ENGINE)) {
            model.setBlock(block);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(
                    new WeightedBinaryCrossEntropy((float) positiveWeight))
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(config.batchSize(), inputs));
                List<Double> history = new ArrayList<>();
                byte[] best = null;
                int bestEpoch = 0;
                double bestAp = -1;
                long trainNanos = 0;
                long trainRows = 0;
                int stale = 0;
                float[] xBuffer = new float[config.batchSize() * inputs];
                float[] yBuffer = new float[config.batchSize()];
                for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                    shuffle(order, shuffle);
                    long start = System.nanoTime();
                    for (int from = 0; from + 1 < order.length; from += config.batchSize()) {
                        int size = Math.min(config.batchSize(), order.length - from);
                        if (size < 2) {
                            break; // BatchNorm needs two rows
                        }
                        for (int r = 0; r < size; r++) {
                            int row = order[from + r];
                            System.arraycopy(x[row], 0, xBuffer, r * inputs, inputs);
                            yBuffer[r] = y[row] ? 1f : 0f;
                        }
                        try (NDManager batch = trainer.getManager().newSubManager()) {
                            NDArray features = batch.create(Arrays.copyOf(xBuffer, size * inputs),
                                    new Shape(size, inputs));
                            NDArray labels = batch.create(Arrays.copyOf(yBuffer, size));
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList predictions = trainer.forward(new NDList(features));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                                collector.backward(loss);
                            }
                            trainer.step();
                        }
                        trainRows += size;
                    }
                    trainNanos += System.nanoTime() - start;
                    double ap = Metrics.averagePrecision(evaluate(trainer, xValidation, inputs), validation.labels());
                    history.add(ap);
                    progress.epoch(epoch, config.maxEpochs(), ap);
                    if (ap > bestAp) {
                        bestAp = ap;
                        bestEpoch = epoch;
                        best = parameters(block);
                        stale = 0;
                    } else if (++stale >= config.patience()) {
                        break;
                    }
                }
                return new Fit(best, bestEpoch, List.copyOf(history), trainRows / (trainNanos / 1e9));
            }
        }
    }

    private static double[] evaluate(Trainer trainer, float[][] rows, int inputs) {
        double[] out = new double[rows.length];
        for (int from = 0; from < rows.length; from += EVAL_BATCH) {
            int size = Math.min(EVAL_BATCH, rows.length - from);
            float[] flat = new float[size * inputs];
            for (int r = 0; r < size; r++) {
                System.arraycopy(rows[from + r], 0, flat, r * inputs, inputs);
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
                float[] logits = trainer.evaluate(new NDList(batch.create(flat, new Shape(size, inputs))))
                        .singletonOrThrow().toFloatArray();
                for (int r = 0; r < size; r++) {
                    out[from + r] = logits[r];
                }
            }
        }
        return out;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static byte[] parameters(SequentialBlock block) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thresholds thresholds(double[] validationP, boolean[] labels, TrainingConfig config) {
        double review = DecisionThresholds.atFpr(validationP, labels, config.reviewFpr());
        if (config.costs() != null) {
            double decline = DecisionThresholds.minimumCost(validationP, labels, config.costs());
            return new Thresholds(Math.min(review, decline), decline, "decline: minimum validation cost (FP "
                    + config.costs().falsePositive() + ", FN " + config.costs().falseNegative()
                    + "); review: validation FPR <= " + config.reviewFpr());
        }
        double decline = DecisionThresholds.atFpr(validationP, labels, config.declineFpr());
        return new Thresholds(Math.min(review, decline), decline, "decline: validation FPR <= " + config.declineFpr()
                + "; review: validation FPR <= " + config.reviewFpr());
    }

    private static double[] probabilities(Calibration calibration, double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = calibration.probability(logits[i]);
        }
        return p;
    }

    /** Per-feature mean and population standard deviation (1 where it is 0), and the clip of the standardised value. */
    static Normalization normalization(double[][] rows, double clip) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                scale[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Normalization(mean, scale, clip);
    }

    /** Per-feature median (mean of the two middle values for an even count). */
    static double[] medians(double[][] rows) {
        int d = rows[0].length;
        double[] medians = new double[d];
        double[] column = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            Arrays.sort(column);
            int mid = column.length / 2;
            medians[j] = column.length % 2 == 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2;
        }
        return medians;
    }
}
