package io.openfraud.retraining.training.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Training runs: the schedule, the limits of a requested window, the deployment-wide lock. */
@ConfigMapping(prefix = "openfraud.training")
public interface TrainingConfig {

    /** Scheduled retraining. */
    Schedule schedule();

    /** Longest data window a run may request. */
    @WithDefault("P400D")
    Duration maxWindow();

    /**
     * Key of the PostgreSQL advisory lock that allows one training at a time per deployment (per database). Change
     * it only if another application shares the database and uses the same key.
     */
    @WithDefault("7002")
    int lockKey();

    /** Smallest progress step written to the database (progress reports in between are only kept in memory). */
    @WithDefault("0.01")
    double progressStep();

    /** Scheduled retraining; fires once per slot however many replicas run. */
    interface Schedule {

        /**
         * Quartz-style cron expression ({@code 0 0 3 ? * SUN} for Sundays at 03:00), or {@code off}. Read by
         * {@code @Scheduled(cron = "${openfraud.training.schedule.cron}")}.
         */
        @WithDefault("off")
        String cron();

        /** Data window of a scheduled run: this long before the fire time, up to it. */
        @WithDefault("P30D")
        Duration window();
    }
}
