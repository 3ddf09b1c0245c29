package io.openfraud.model.artifact;

import java.util.List;
import java.util.Map;

/**
 * Everything needed, beside the weights, to score with a model and to know what it is. Serialised as
 * {@code metadata.json} in the artifact (docs/model-artifact.md). No wall-clock time in here: two trainings on the
 * same data must give the same bytes; the registry records when.
 *
 * @param format            artifact format version ({@value ModelArtifact#FORMAT})
 * @param modelVersion      the model's version, for example {@code fraud-2026-11-25-1}
 * @param featureSetVersion the feature set the model was trained on ({@code features-v1})
 * @param featureNames      input order of the network, one name per input
 * @param network           shape of the network, to rebuild the block before loading its parameters
 * @param normalization     per-feature centre and scale from the training rows
 * @param medians           per-feature medians of the training rows: the occlusion baseline for reason codes
 * @param calibration       maps the network's logit to a probability
 * @param thresholds        decision thresholds on the calibrated probability
 * @param metrics           test-window metrics of the model (name to value, sorted by name)
 * @param hyperparameters   training settings (name to value, sorted by name)
 * @param paramsSha256      hex sha256 of the {@code model.params} entry
 */
public record ModelMetadata(int format, String modelVersion, String featureSetVersion, List<String> featureNames,
        Network network, Normalization normalization, double[] medians, Calibration calibration,
        Thresholds thresholds, Map<String, Double> metrics, Map<String, String> hyperparameters,
        String paramsSha256) {

    /**
     * The network's shape.
     *
     * @param inputs  number of features
     * @param hidden  widths of the hidden layers
     * @param dropout dropout probability after each hidden layer (training only)
     */
    public record Network(int inputs, List<Integer> hidden, double dropout) {
    }

    /**
     * Standardisation {@code (x - mean) / scale}, then limited to {@code [-clip, clip]}; a constant feature has scale 1.
     *
     * @param mean  per-feature mean of the training rows
     * @param scale per-feature standard deviation of the training rows (1 where it is 0)
     * @param clip  bound of the standardised value; 0 for none (artifacts written before it existed)
     */
    public record Normalization(double[] mean, double[] scale, double clip) {

        public Normalization {
            if (!(clip >= 0) || Double.isInfinite(clip)) {
                throw new IllegalArgumentException("clip must be 0 (none) or positive: " + clip);
            }
        }

        /** Without a clip. */
        public Normalization(double[] mean, double[] scale) {
            this(mean, scale, 0);
        }
    }

    /**
     * Platt scaling {@code p = 1 / (1 + exp(-(a * logit + b)))}, fitted on the validation window.
     *
     * @param method {@code platt}, or {@code none} (a = 1, b = 0)
     * @param a      slope
     * @param b      intercept
     */
    public record Calibration(String method, double a, double b) {

        /** The calibrated probability of a logit. */
        public double probability(double logit) {
            return 1.0 / (1.0 + Math.exp(-(a * logit + b)));
        }
    }

    /**
     * Decision thresholds on the calibrated probability: decline at or above {@code decline}, review at or above
     * {@code review}.
     *
     * @param review  review threshold
     * @param decline decline threshold
     * @param policy  how they were chosen, for example {@code validation FPR <= 0.01 (decline), <= 0.05 (review)}
     */
    public record Thresholds(double review, double decline, String policy) {
    }

    /** A copy with the given params checksum. */
    public ModelMetadata withParamsSha256(String sha256) {
        return new ModelMetadata(format, modelVersion, featureSetVersion, featureNames, network, normalization,
                medians, calibration, thresholds, metrics, hyperparameters, sha256);
    }
}
