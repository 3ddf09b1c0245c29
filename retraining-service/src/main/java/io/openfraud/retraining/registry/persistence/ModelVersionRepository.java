package io.openfraud.retraining.registry.persistence;

import io.openfraud.events.model.ModelLifecycleEvent.Stage;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@link ModelVersionEntity}. */
@ApplicationScoped
public class ModelVersionRepository implements PanacheRepository<ModelVersionEntity> {

    /** Every version, newest first. */
    public List<ModelVersionEntity> newestFirst() {
        return find("order by createdAt desc, id desc").list();
    }

    /** Version {@code version} of model {@code modelName}. */
    public Optional<ModelVersionEntity> byVersion(String modelName, String version) {
        return find("modelName = ?1 and version = ?2", modelName, version).firstResultOptional();
    }

    /** The version of {@code modelName} in {@code stage} (champion and challenger are unique). */
    public Optional<ModelVersionEntity> inStage(String modelName, Stage stage) {
        return find("modelName = ?1 and stage = ?2", modelName, stage).firstResultOptional();
    }

    /** The next version number, from a sequence: never reused. */
    public String nextVersion() {
        Number next = (Number) getEntityManager().createNativeQuery("SELECT nextval('model_version_numbers')")
                .getSingleResult();
        return Long.toString(next.longValue());
    }

    /**
     * Serialises registry changes (gate, promotion, rollback) of the whole deployment until the transaction ends, so
     * two changes cannot both read the same champion.
     */
    public void lockRegistry() {
        getEntityManager().createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7001, 1)) AS locked")
                .getSingleResult();
    }
}
