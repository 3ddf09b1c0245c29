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
        double[] x = new double[normalized.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = normalized[i];
        }
        for (Layer layer : layers) {
            x = layer.apply(x);
        }
        return x[0];
    }
}
