package io.openfraud.model.training;

import io.openfraud.model.artifact.ModelMetadata.Calibration;

/**
 * Platt scaling: fits {@code p = sigmoid(a * logit + b)} by Newton's method on the validation window, with Platt's
 * smoothed targets ({@code (N+ + 1) / (N+ + 2)} for frauds, {@code 1 / (N- + 2)} otherwise) so that a separable
 * window does not push {@code a} to infinity. Deterministic (fixed iterations, no randomness). Needed because the
 * positive-class weight inflates the network's raw probabilities.
 */
public final class PlattScaling {

    private PlattScaling() {
    }

    /** The fitted calibration; identity ({@code none}) when the window lacks one of the classes. */
    public static Calibration fit(double[] logits, boolean[] labels) {
        long pos = 0;
        for (boolean l : labels) {
            if (l) {
                pos++;
            }
        }
        long neg = labels.length - pos;
        if (pos == 0 || neg == 0) {
            return new Calibration("none", 1, 0);
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1.0;
        double b = 0.0;
        for (int iter = 0; iter < 100; iter++) {
            double gA = 0;
            double gB = 0;
            double hAA = 1e-9;
            double hAB = 0;
            double hBB = 1e-9;
            for (int i = 0; i < logits.length; i++) {
                double p = 1.0 / (1.0 + Math.exp(-(a * logits[i] + b)));
                double t = labels[i] ? hi : lo;
                double d = p - t;
                double w = p * (1 - p);
                gA += d * logits[i];
                gB += d;
                hAA += w * logits[i] * logits[i];
                hAB += w * logits[i];
                hBB += w;
            }
            double det = hAA * hBB - hAB * hAB;
            if (det <= 0) {
                break;
            }
            double dA = (hBB * gA - hAB * gB) / det;
            double dB = (hAA * gB - hAB * gA) / det;
            a -= dA;
            b -= dB;
            if (Math.abs(dA) < 1e-10 && Math.abs(dB) < 1e-10) {
                break;
            }
        }
        return new Calibration("platt", a, b);
    }
}
