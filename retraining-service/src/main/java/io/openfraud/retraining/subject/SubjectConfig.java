package io.openfraud.retraining.subject;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data-subject commands ({@code openfraud.subject.*}). */
@ConfigMapping(prefix = "openfraud.subject")
public interface SubjectConfig {

    /**
     * Years after a command that the deletion date of what retraining retains names (a restricted subject's labels and
     * verdicts, an erased subject's exclusion from training): the AML retention of the transactions they derive
     * from, the longest any copy of the subject's history is kept by the platform.
     */
    @WithDefault("5")
    int retentionYears();
}
