package io.openfraud.retraining.registry.persistence;

import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One registered model version (table {@code model_versions}). */
@Entity
@Table(name = "model_versions")
public class ModelVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_name", nullable = false)
    public String modelName;

    @Column(nullable = false)
    public String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    @Column(name = "feature_set_version", nullable = false)
    public String featureSetVersion;

    @Column(nullable = false, columnDefinition = "bpchar")
    public String sha256;

    @Column(nullable = false)
    public boolean synthetic;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
