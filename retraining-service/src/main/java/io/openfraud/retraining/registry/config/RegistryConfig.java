package io.openfraud.retraining.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** The model registry: the model's name, where clients fetch artifacts, the promotion gate and the artifact store. */
@ConfigMapping(prefix = "openfraud.registry")
public interface RegistryConfig {

    /** Name under which versions are registered (one model per deployment). */
    @WithDefault("fraud-mlp")
    String modelName();

    /**
     * Base URL under which other services reach this one; {@code artifactUri} in {@code models.lifecycle} is
     * {@code <public-url>/api/v1/models/<version>/artifact}.
     */
    URI publicUrl();

    /** The promotion gate. */
    Gate gate();

    /** Where artifact bytes are kept. */
    Artifacts artifacts();

    /** A new version becomes champion only if it is not worse than the champion on the same test window. */
    interface Gate {

        /** Metric compared first: the candidate may be at most {@code pr-auc-tolerance} below the champion. */
        @WithDefault("0.005")
        double prAucTolerance();

        /** Recall at the target false-positive rate: at most this much below the champion. */
        @WithDefault("0.01")
        double recallTolerance();
    }

    /** Artifact storage. */
    interface Artifacts {

        /**
         * {@code postgres} (table {@code model_artifacts}), {@code s3} (any S3-compatible store), or {@code auto}
         * (default): s3 when {@code s3.bucket} is set, else postgres.
         */
        @WithDefault("auto")
        StoreKind store();

        /** The S3-compatible store, used when {@code store=s3}. */
        S3 s3();
    }

    /** Kinds of artifact store. */
    enum StoreKind {
        postgres, s3, auto
    }

    /** An S3-compatible object store. Credentials come from the AWS default chain unless both keys are set. */
    interface S3 {

        /** Bucket that holds the artifacts (must exist). */
        Optional<String> bucket();

        /** Key prefix of every artifact. */
        @WithDefault("models/")
        String prefix();

        /** Region of the bucket; unset: the AWS default region chain ({@code AWS_REGION}, profile), else us-east-1. */
        Optional<String> region();

        /** Endpoint of an S3-compatible store (MinIO, Ceph, ...); unset for AWS S3. */
        Optional<URI> endpointOverride();

        /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need. */
        @WithDefault("false")
        boolean pathStyleAccess();

        /** Static access key id (from a secret); unset to use the AWS default credentials chain. */
        Optional<String> accessKeyId();

        /** Static secret access key (from a secret). */
        Optional<String> secretAccessKey();
    }
}
