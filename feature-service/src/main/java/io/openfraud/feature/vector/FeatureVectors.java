package io.openfraud.feature.vector;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.state.CustomerState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The walking skeleton's feature set: a transaction and its customer's state strictly before it. Pure and
 * deterministic (the full, versioned feature library shared with training is issue #5). Never the absolute time.
 */
public final class FeatureVectors {

    /** Version of this feature set. */
    public static final String VERSION = "skeleton-v0";

    private FeatureVectors() {
    }

    public static Map<String, Double> compute(MaskedTransaction transaction, CustomerState before) {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("amount_log", Math.log1p(transaction.amountMinor() / 100.0));
        features.put("customer_txn_count", (double) before.count());
        features.put("customer_mean_amount_log",
                before.count() == 0 ? 0.0 : Math.log1p(before.sumMinor() / 100.0 / before.count()));
        boolean hasPrevious = before.lastEventTime() != null
                && !before.lastEventTime().isAfter(transaction.timestamp());
        features.put("has_previous", hasPrevious ? 1.0 : 0.0);
        features.put("seconds_since_previous", hasPrevious
                ? (double) Duration.between(before.lastEventTime(), transaction.timestamp()).toSeconds() : 0.0);
        return features;
    }
}
