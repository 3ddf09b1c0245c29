package io.openfraud.retraining.registry.artifact;

/**
 * Keeps artifact bytes. Every implementation verifies the SHA-256 on write (the bytes it was given are the ones
 * registered) and on read (the bytes it returns are the ones it was given), so neither a bad trainer output nor a
 * corrupted or replaced object reaches scoring.
 */
public interface ArtifactStore {

    /** Name recorded with each version ({@code model_versions.artifact_store}). */
    String kind();

    /**
     * Stores {@code bytes} of version {@code version} (database id {@code versionId}) of {@code modelName}.
     *
     * @param sha256 the bytes' checksum, lowercase hex; verified before anything is stored
     * @return where the bytes are (the object key), or null if the store needs nothing beyond the version id
     * @throws ArtifactIntegrityException if {@code sha256} is not the bytes' checksum
     */
    String write(long versionId, String modelName, String version, byte[] bytes, String sha256);

    /**
     * The bytes of a version, verified against {@code sha256}.
     *
     * @param location what {@link #write} returned
     * @throws ArtifactIntegrityException if the stored bytes do not have checksum {@code sha256}
     * @throws ArtifactMissingException if the store has no bytes for the version
     */
    byte[] read(long versionId, String location, String sha256);
}
