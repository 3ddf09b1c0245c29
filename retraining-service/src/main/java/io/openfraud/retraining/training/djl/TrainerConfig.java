package io.openfraud.retraining.training.djl;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The DJL trainer: where training data comes from, and the defaults of the network's training. */
@ConfigMapping(prefix = "openfraud.trainer")
public interface TrainerConfig {

    /** ingestion-service's retraining export (masked history). */
    Export export();

    /** The generated training set of {@code synthetic} runs (the platform's first champion). */
    Synthetic synthetic();

    /**
     * Whether an exported transaction without any label counts as LEGIT (most legitimate payments are never
     * labelled); if false, unlabelled transactions only feed the features of later ones.
     */
    @WithDefault("true")
    boolean unlabelledAsLegit();

    /**
     * How far before a window's start the export is read so the window's first rows see their entities' recent
     * history (the feature set's longest window is 7 days); those earlier transactions feed features only.
     */
    @WithDefault("P8D")
    Duration featureLookback();

    /** Upper bound on epochs (a run's {@code max_epochs} hyperparameter overrides it). */
    @WithDefault("30")
    int maxEpochs();

    /** ingestion-service's export. */
    interface Export {
        /** Base URL of ingestion-service ({@code GET <url>/api/v1/exports/transactions}). */
        @WithDefault("http://localhost:8081")
        URI url();

        /**
         * Bearer token with the {@code service} role, from a secret ({@code OPENFRAUD_TRAINER_EXPORT_TOKEN}); unset,
         * only synthetic runs can train.
         */
        Optional<String> token();

        /** Connect timeout. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest time the whole export of one window may take. */
        @WithDefault("PT30M")
        Duration readTimeout();
    }

    /** Generated data. */
    interface Synthetic {
        /** Transactions generated. */
        @WithDefault("20000")
        int rows();

        /** Customers in the generated history. */
        @WithDefault("500")
        int customers();

        /** Share of frauds. */
        @WithDefault("0.02")
        double fraudRate();

        /** Seed of the generator (the same seed and window give the same artifact). */
        @WithDefault("42")
        long seed();
    }
}
