package io.openfraud.model.training;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training settings. Everything that changes the artifact is here (and recorded in its metadata).
 *
 * @param hidden             hidden layer widths
 * @param dropout            dropout after each hidden layer
 * @param learningRate       Adam learning rate
 * @param batchSize          rows per step
 * @param maxEpochs          upper bound on epochs
 * @param patience           epochs without a better validation PR-AUC before stopping
 * @param positiveWeight     weight of frauds in the loss; 0 for automatic (legit/fraud ratio, capped at 50)
 * @param seed               seeds PyTorch (initialisation, dropout) and the shuffling
 * @param trainFraction      earliest share of rows for training
 * @param validationFraction next share for validation; the rest is the test window
 * @param declineFpr         target false-positive rate of the decline threshold (on validation)
 * @param reviewFpr          target false-positive rate of the review threshold
 * @param costs              if set, the decline threshold minimises this cost on validation instead
 * @param precisionK         k of precision at k
 * @param inputClip          bound of the standardised inputs ({@code ModelMetadata.Normalization.clip}); 0 for none
 */
public record TrainingConfig(List<Integer> hidden, double dropout, double learningRate, int batchSize,
        int maxEpochs, int patience, double positiveWeight, long seed, double trainFraction,
        double validationFraction, double declineFpr, double reviewFpr, CostMatrix costs, int precisionK,
        double inputClip) {

    /** Standardised inputs are limited to +-10 unless told otherwise (docs/model-quality.md: why, and measured). */
    public static final double DEFAULT_INPUT_CLIP = 10;

    /**
     * Cost of errors for the cost-based threshold.
     *
     * @param falsePositive cost of declining a legitimate payment
     * @param falseNegative cost of approving a fraud
     */
    public record CostMatrix(double falsePositive, double falseNegative) {
    }

    public TrainingConfig {
        hidden = List.copyOf(hidden);
        if (batchSize < 2 || maxEpochs < 1 || patience < 1 || precisionK < 1 || !(inputClip >= 0)
                || Double.isInfinite(inputClip)) {
            throw new IllegalArgumentException("batchSize >= 2, maxEpochs >= 1, patience >= 1, precisionK >= 1, "
                    + "inputClip 0 or positive");
        }
    }

    /** Settings with the {@link #DEFAULT_INPUT_CLIP default input clip}. */
    public TrainingConfig(List<Integer> hidden, double dropout, double learningRate, int batchSize, int maxEpochs,
            int patience, double positiveWeight, long seed, double trainFraction, double validationFraction,
            double declineFpr, double reviewFpr, CostMatrix costs, int precisionK) {
        this(hidden, dropout, learningRate, batchSize, maxEpochs, patience, positiveWeight, seed, trainFraction,
                validationFraction, declineFpr, reviewFpr, costs, precisionK, DEFAULT_INPUT_CLIP);
    }

    /**
     * 64-32 MLP, dropout 0.1, Adam 1e-3, batch 256, up to 30 epochs with patience 4, 60/20/20, decline at 1% FPR,
     * standardised inputs limited to +-10.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(List.of(64, 32), 0.1, 1e-3, 256, 30, 4, 0, 42L, 0.6, 0.2, 0.01, 0.05, null, 100);
    }

    /** A copy with other epoch bounds. */
    public TrainingConfig withEpochs(int maxEpochs, int patience) {
        return new TrainingConfig(hidden, dropout, learningRate, batchSize, maxEpochs, patience, positiveWeight, seed,
                trainFraction, validationFraction, declineFpr, reviewFpr, costs, precisionK, inputClip);
    }

    /** A copy with another seed. */
    public TrainingConfig withSeed(long seed) {
        return new TrainingConfig(hidden, dropout, learningRate, batchSize, maxEpochs, patience, positiveWeight, seed,
                trainFraction, validationFraction, declineFpr, reviewFpr, costs, precisionK, inputClip);
    }

    /** A copy with another bound of the standardised inputs (0 for none). */
    public TrainingConfig withInputClip(double inputClip) {
        return new TrainingConfig(hidden, dropout, learningRate, batchSize, maxEpochs, patience, positiveWeight, seed,
                trainFraction, validationFraction, declineFpr, reviewFpr, costs, precisionK, inputClip);
    }

    /** A copy with a cost matrix. */
    public TrainingConfig withCosts(CostMatrix costs) {
        return new TrainingConfig(hidden, dropout, learningRate, batchSize, maxEpochs, patience, positiveWeight, seed,
                trainFraction, validationFraction, declineFpr, reviewFpr, costs, precisionK, inputClip);
    }

    /** As recorded in the artifact. */
    public Map<String, String> asMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("hidden", hidden.toString());
        m.put("dropout", Double.toString(dropout));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("optimizer", "adam");
        m.put("batch_size", Integer.toString(batchSize));
        m.put("max_epochs", Integer.toString(maxEpochs));
        m.put("patience", Integer.toString(patience));
        m.put("positive_weight", Double.toString(positiveWeight));
        m.put("seed", Long.toString(seed));
        m.put("train_fraction", Double.toString(trainFraction));
        m.put("validation_fraction", Double.toString(validationFraction));
        m.put("decline_fpr", Double.toString(declineFpr));
        m.put("review_fpr", Double.toString(reviewFpr));
        m.put("costs", costs == null ? "none" : costs.falsePositive() + "/" + costs.falseNegative());
        m.put("precision_k", Integer.toString(precisionK));
        m.put("input_clip", Double.toString(inputClip));
        return m;
    }
}
