package io.openfraud.model.explain;

/**
 * How much one feature moves a score.
 *
 * @param feature  the feature's name
 * @param value    its value in the scored row
 * @param baseline the training median it was reset to
 * @param effect   score of the row minus score with this feature at its baseline: positive when the value raises
 *                 the fraud probability
 */
public record Attribution(String feature, double value, double baseline, double effect) {
}
