package io.openfraud.retraining.registry.persistence;

import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One registered model version with its lineage (table {@code model_versions}). */
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

    @Column(name = "data_window_start")
    public Instant dataWindowStart;

    @Column(name = "data_window_end")
    public Instant dataWindowEnd;

    @Column(name = "test_window_start")
    public Instant testWindowStart;

    @Column(name = "test_window_end")
    public Instant testWindowEnd;

    @Column(name = "row_count", nullable = false)
    public long rowCount;

    @Column(name = "label_count", nullable = false)
    public long labelCount;

    @Column(name = "fraud_label_count", nullable = false)
    public long fraudLabelCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> hyperparameters;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Double> metrics;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parent_metrics", nullable = false)
    public Map<String, Double> parentMetrics;

    @Column(name = "parent_version")
    public String parentVersion;

    @Column(name = "replaced_version")
    public String replacedVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "training_trigger", nullable = false)
    public Trigger trigger;

    @Column(name = "training_run_id")
    public Long trainingRunId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "artifact_store", nullable = false)
    public String artifactStore;

    @Column(name = "artifact_location")
    public String artifactLocation;

    @Column(name = "artifact_size", nullable = false)
    public long artifactSize;
}
