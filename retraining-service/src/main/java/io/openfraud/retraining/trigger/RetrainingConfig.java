package io.openfraud.retraining.trigger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When retraining is requested automatically ({@code openfraud.retraining.*}). */
@ConfigMapping(prefix = "openfraud.retraining")
public interface RetrainingConfig {

    /** Triggers from drift and decay. */
    Trigger trigger();

    /** Triggers from monitoring. */
    interface Trigger {
        /** Whether drift or decay may request retraining at all (decisions are audited either way). */
        @WithDefault("true")
        boolean enabled();

        /** At most one automatic request per this interval; later reasons are recorded as DEBOUNCED. */
        @WithDefault("P1D")
        Duration minInterval();

        /** Dataset drift requests retraining. */
        @WithDefault("true")
        boolean onDatasetDrift();

        /** Drift of the score distribution requests retraining. */
        @WithDefault("false")
        boolean onPredictionDrift();

        /** Performance decay (PR-AUC drop beyond {@code openfraud.performance.pr-auc-drop-threshold}) requests it. */
        @WithDefault("true")
        boolean onDecay();

        /** Data window of a run started by drift or decay: this long, ending when it is requested. */
        @WithDefault("P30D")
        Duration window();
    }
}
