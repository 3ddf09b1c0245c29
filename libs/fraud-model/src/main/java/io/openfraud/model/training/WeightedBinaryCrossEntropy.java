package io.openfraud.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits with a weight on the positive class (DJL's sigmoid BCE has none):
 * {@code mean(w_i * (max(x,0) - x*y + ln(1 + exp(-|x|))))}, {@code w_i = positiveWeight} for frauds and 1 otherwise.
 * The stable form never exponentiates a positive number.
 */
public final class WeightedBinaryCrossEntropy extends Loss {

    private final float positiveWeight;

    public WeightedBinaryCrossEntropy(float positiveWeight) {
        super("WeightedBCE");
        if (!(positiveWeight > 0)) {
            throw new IllegalArgumentException("positive weight must be > 0");
        }
        this.positiveWeight = positiveWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow().reshape(x.getShape());
        NDArray perRow = Activation.relu(x).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log());
        NDArray weights = y.mul(positiveWeight - 1f).add(1f);
        return perRow.mul(weights).mean();
    }
}
