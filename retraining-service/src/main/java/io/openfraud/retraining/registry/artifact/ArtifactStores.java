package io.openfraud.retraining.registry.artifact;

import io.openfraud.retraining.registry.config.RegistryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The configured store for new artifacts, and the right store for reading each version: a version is read from the
 * store recorded with it, so switching {@code openfraud.registry.artifacts.store} keeps older versions readable
 * (PostgreSQL is always there; S3 versions need the S3 settings kept).
 */
@ApplicationScoped
public class ArtifactStores {

    private final PostgresArtifactStore postgres;
    private final Optional<S3ArtifactStore> s3;
    private final ArtifactStore forWrites;

    ArtifactStores(RegistryConfig config, PostgresArtifactStore postgres) {
        this.postgres = postgres;
        RegistryConfig.Artifacts artifacts = config.artifacts();
        boolean bucket = artifacts.s3().bucket().filter(b -> !b.isBlank()).isPresent();
        boolean s3Writes = artifacts.store() == RegistryConfig.StoreKind.s3
                || (artifacts.store() == RegistryConfig.StoreKind.auto && bucket);
        // an S3 client whenever a bucket is known, so versions written there stay readable after a switch back
        this.s3 = s3Writes || bucket ? Optional.of(S3ArtifactStore.fromConfig(artifacts.s3())) : Optional.empty();
        this.forWrites = s3Writes ? s3.orElseThrow() : postgres;
    }

    /** Where new artifacts go. */
    public ArtifactStore forWrites() {
        return forWrites;
    }

    /** The store of kind {@code kind}, as recorded with a version. */
    public ArtifactStore byKind(String kind) {
        if (PostgresArtifactStore.KIND.equals(kind)) {
            return postgres;
        }
        if (S3ArtifactStore.KIND.equals(kind)) {
            return s3.orElseThrow(() -> new IllegalStateException(
                    "an artifact is in S3 but openfraud.registry.artifacts.s3.bucket is not set"));
        }
        throw new IllegalStateException("unknown artifact store " + kind);
    }

    @PreDestroy
    void close() {
        s3.ifPresent(S3ArtifactStore::close);
    }
}
