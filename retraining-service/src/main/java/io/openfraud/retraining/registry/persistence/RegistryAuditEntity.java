package io.openfraud.retraining.registry.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One alias change (table {@code registry_audit}); never updated or deleted. */
@Entity
@Table(name = "registry_audit")
public class RegistryAuditEntity {

    /** What was done. */
    public enum Action {
        /** The first version of the registry became champion. */
        FIRST_CHAMPION,
        /** The gate promoted a new version over the champion. */
        GATE_PROMOTED,
        /** The gate kept the champion; the new version became challenger. */
        GATE_HELD,
        /** An operator promoted a version. */
        MANUAL_PROMOTION,
        /** An operator rolled the champion back to the previous one. */
        ROLLBACK
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_name", nullable = false)
    public String modelName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    @Column(name = "from_version")
    public String fromVersion;

    @Column(name = "to_version", nullable = false)
    public String toVersion;

    @Column(nullable = false)
    public String principal;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public Instant at;
}
