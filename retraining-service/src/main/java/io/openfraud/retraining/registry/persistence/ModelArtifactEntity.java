package io.openfraud.retraining.registry.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of an artifact kept in PostgreSQL (table {@code model_artifacts}). */
@Entity
@Table(name = "model_artifacts")
public class ModelArtifactEntity {

    @Id
    @Column(name = "model_version_id")
    public Long modelVersionId;

    @Column(nullable = false, columnDefinition = "bpchar")
    public String sha256;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public byte[] content;
}
