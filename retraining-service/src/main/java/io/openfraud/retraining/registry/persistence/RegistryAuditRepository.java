package io.openfraud.retraining.registry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads and appends {@link RegistryAuditEntity}. */
@ApplicationScoped
public class RegistryAuditRepository implements PanacheRepository<RegistryAuditEntity> {

    /** The latest {@code limit} records of a model, newest first. */
    public List<RegistryAuditEntity> latest(String modelName, int limit) {
        return find("modelName = ?1 order by id desc", modelName).page(0, limit).list();
    }
}
