package io.openfraud.retraining.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

/**
 * How long retraining keeps what it stores per transaction or data subject, and how the purge runs
 * ({@code openfraud.retention.*}). Defaults follow governance-service's field catalogue ({@code GET /api/v1/catalog}):
 * its one entry for retraining, {@code postgresql:retraining.training_rows} "pseudonymised features and labels", says
 * P5Y, the AML retention of the transactions the rows derive from. Keep every period at or below
 * {@code openfraud.subject.retention-years}: that is the deletion date {@code gdpr.events} answers name.
 */
@ConfigMapping(prefix = "openfraud.retention")
public interface RetentionConfig {

    /** Labels ({@code labels}, every history row) are deleted this long after retraining received them. */
    @WithDefault("P5Y")
    Period labels();

    /** Verdicts kept for performance monitoring ({@code scored_outcomes}), from their scoring time. */
    @WithDefault("P5Y")
    Period verdicts();

    /**
     * Training exclusions ({@code subject_training_exclusions}), from the command that recorded them; an exclusion is
     * kept while retraining still holds a verdict of the subject, so it never outlives nothing it protects.
     */
    @WithDefault("P5Y")
    Period exclusions();

    /**
     * Finished training runs ({@code training_runs}: report, windows, requester), from when they ended; the run of a
     * version that is still champion or challenger is kept (its lineage).
     */
    @WithDefault("P5Y")
    Period trainingRuns();

    /**
     * How often the purge runs: a duration such as {@code 1h}, or {@code off}. Every replica's scheduler fires; one
     * purges (a PostgreSQL advisory lock), the others skip the round.
     */
    @WithDefault("1h")
    String purgeInterval();

    /** Rows deleted per statement and transaction, so a large purge never holds long locks. */
    @WithDefault("1000")
    int purgeBatchSize();

    /** Second key of the purge's advisory lock (first: the platform's namespace 7001; training uses 7002). */
    @WithDefault("7003")
    int lockKey();
}
