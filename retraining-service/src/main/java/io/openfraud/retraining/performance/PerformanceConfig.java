package io.openfraud.retraining.performance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Performance decay on matured labels ({@code openfraud.performance.*}). */
@ConfigMapping(prefix = "openfraud.performance")
public interface PerformanceConfig {

    /** A verdict counts once this long has passed since it was scored (chargebacks take weeks to arrive). */
    @WithDefault("P30D")
    Duration maturity();

    /** Rolling window of matured verdicts measured (by scoring time, ending {@code maturity} ago). */
    @WithDefault("P7D")
    Duration window();

    /** A matured verdict without any label counts as LEGIT (fraud is reported, legitimate use rarely is). */
    @WithDefault("true")
    boolean unlabelledAsLegit();

    /** Fewer FRAUD labels than this in the window: metrics are reported but never trigger retraining. */
    @WithDefault("20")
    int minPositives();

    /** Retraining is requested when registered PR-AUC minus rolling PR-AUC exceeds this. */
    @WithDefault("0.05")
    double prAucDropThreshold();
}
