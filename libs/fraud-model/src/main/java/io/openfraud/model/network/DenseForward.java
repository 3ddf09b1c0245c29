package io.openfraud.model.network;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The network's inference forward pass in plain Java, from the same weights: a cross-check of DJL's output (tests
 * hold them within 1e-5) and the lower bound of per-row cost in the benchmarks. Immutable and thread-safe. BatchNorm
 * uses its running statistics and dropout is the identity, as in DJL's inference mode.
 */
public final class DenseForward {

    private sealed interface Layer permits Dense, Norm, Relu {
        double[] apply(double[] x);
    }

    private record Dense(float[] weight, float[] bias, int in, int out) implements Layer {
        @Override
        public double[] apply(double[] x) {
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                int base = o * in;
                for (int i = 0; i < in; i++) {
                    s += weight[base + i] * x[i];
                }
                y[o] = s;
            }
            return y;
        }
    }

    private record Norm(double[] mul, double[] add) implements Layer {
        @Override
        public double[] apply(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] * mul[i] + add[i];
            }
            return y;
        }
    }

    private record Relu() implements Layer {
        @Override
        public double[] apply(double[] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.max(0.0, x[i]);
            }
            return y;
        }
    }

    private final List<Layer> layers;

    private DenseForward(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Copies the weights of an initialised {@link FraudNetwork#block}. */
    public static DenseForward of(Block network) {
        List<Layer> layers = new ArrayList<>();
        for (Pair<String, Block> child : network.getChildren()) {
            Block b = child.getValue();
            if (b instanceof Linear) {
                float[] w = b.getParameters().get("weight").getArray().toFloatArray();
                float[] bias = b.getParameters().get("bias").getArray().toFloatArray();
                layers.add(new Dense(w, bias, w.length / bias.length, bias.length));
            } else if (b instanceof BatchNorm) {
                float[] gamma = b.getParameters().get("gamma").getArray().toFloatArray();
                float[] beta = b.getParameters().get("beta").getArray().toFloatArray();
                float[] mean = b.getParameters().get("runningMean").getArray().toFloatArray();
                float[] var = b.getParameters().get("runningVar").getArray().toFloatArray();
                double[] mul = new double[gamma.length];
                double[] add = new double[gamma.length];
                for (int i = 0; i < gamma.length; i++) {
                    mul[i] = gamma[i] / Math.sqrt(var[i] + (double) FraudNetwork.BATCH_NORM_EPSILON);
                    add[i] = beta[i] - mean[i] * mul[i];
                }
                layers.add(new Norm(mul, add));
            } else if (b instanceof LambdaBlock) {
                layers.add(new Relu()); // the only lambda FraudNetwork adds besides the final flatten
            } else if (!(b instanceof Dropout)) {
                throw new IllegalArgumentException("unexpected layer " + b.getClass().getSimpleName());
            }
        }
        // the last lambda is the flatten, not a ReLU
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof Relu) {
            layers.remove(layers.size() - 1);
        }
        return new DenseForward(layers);
    }

    /** The logit of one normalised row. */
    public double logit(float[] normalized) {
        return from(0, widen(normalized));
    }

    /**
     * The logits of a normalised row with each listed feature in turn reset to its value in {@code baseline} (also
     * normalised): what occlusion needs, at a fraction of {@code features.length} forward passes. Resetting one
     * input changes one column's contribution to the first dense layer, so each variant starts from the row's
     * first-layer output plus that column times the difference, and only the later (smaller) layers run again.
     * Layers before the first dense layer are element-wise, so the same holds after them.
     *
     * @return one logit per entry of {@code features}, in the same order
     */
    public double[] occludedLogits(float[] normalized, float[] baseline, int[] features) {
        int first = 0;
        while (!(layers.get(first) instanceof Dense)) {
            first++;
        }
        double[] x = widen(normalized);
        double[] b = widen(baseline);
        for (int l = 0; l < first; l++) {
            x = layers.get(l).apply(x);
            b = layers.get(l).apply(b);
        }
        Dense dense = (Dense) layers.get(first);
        double[] h = dense.apply(x);
        double[] out = new double[features.length];
        double[] variant = new double[h.length];
        for (int k = 0; k < features.length; k++) {
            int j = features[k];
            double d = b[j] - x[j];
            for (int o = 0; o < h.length; o++) {
                variant[o] = h[o] + dense.weight()[o * dense.in() + j] * d;
            }
            out[k] = from(first + 1, variant);
        }
        return out;
    }

    private double from(int layer, double[] x) {
        for (int l = layer; l < layers.size(); l++) {
            x = layers.get(l).apply(x);
        }
        return x[0];
    }

    private static double[] widen(float[] values) {
        double[] x = new double[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[i];
        }
        return x;
    }
}
