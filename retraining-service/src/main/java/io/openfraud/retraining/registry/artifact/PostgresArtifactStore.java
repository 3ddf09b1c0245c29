package io.openfraud.retraining.registry.artifact;

import io.openfraud.retraining.registry.persistence.ModelArtifactEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Artifacts in PostgreSQL ({@code bytea} in table {@code model_artifacts}), written in the registration's own
 * transaction: a version exists exactly when its bytes do. Fine for the model's size (tens of KB to a few MB); use the
 * S3 store for large artifacts.
 */
@ApplicationScoped
public class PostgresArtifactStore implements ArtifactStore {

    public static final String KIND = "postgres";

    private final EntityManager entityManager;

    PostgresArtifactStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public String write(long versionId, String modelName, String version, byte[] bytes, String sha256) {
        Sha256.verify(bytes, sha256, "artifact of " + modelName + " " + version);
        ModelArtifactEntity artifact = new ModelArtifactEntity();
        artifact.modelVersionId = versionId;
        artifact.sha256 = sha256;
        artifact.sizeBytes = bytes.length;
        artifact.content = bytes.clone();
        entityManager.persist(artifact);
        return null;
    }

    @Override
    @Transactional
    public byte[] read(long versionId, String location, String sha256) {
        ModelArtifactEntity artifact = entityManager.find(ModelArtifactEntity.class, versionId);
        if (artifact == null) {
            throw new ArtifactMissingException("no artifact bytes in PostgreSQL for version id " + versionId);
        }
        byte[] bytes = artifact.content;
        entityManager.detach(artifact);
        Sha256.verify(bytes, sha256, "artifact read from PostgreSQL");
        return bytes;
    }
}
