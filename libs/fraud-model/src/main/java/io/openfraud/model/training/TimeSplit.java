package io.openfraud.model.training;

/**
 * A time-based split: the earliest rows train, the next ones validate (early stopping, calibration, thresholds), the
 * latest ones test. No row of a later part is older than a row of an earlier one, so nothing from the future leaks
 * into training or model selection.
 */
public record TimeSplit(LabelledRows train, LabelledRows validation, LabelledRows test) {

    /**
     * Splits by event time.
     *
     * @param trainFraction      share of rows for training, for example 0.6
     * @param validationFraction share for validation, for example 0.2; the rest is the test window
     */
    public static TimeSplit of(LabelledRows rows, double trainFraction, double validationFraction) {
        if (trainFraction <= 0 || validationFraction <= 0 || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("fractions must be positive and leave a test window");
        }
        LabelledRows sorted = rows.sortedByTime();
        int n = sorted.size();
        int trainEnd = (int) Math.round(n * trainFraction);
        int validationEnd = (int) Math.round(n * (trainFraction + validationFraction));
        return new TimeSplit(sorted.slice(0, trainEnd), sorted.slice(trainEnd, validationEnd),
                sorted.slice(validationEnd, n));
    }
}
