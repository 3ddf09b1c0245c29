package io.openfraud.retraining.registry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads and writes {@link ModelVersionEntity}. */
@ApplicationScoped
public class ModelVersionRepository implements PanacheRepository<ModelVersionEntity> {

    /** Every version, newest first. */
    public List<ModelVersionEntity> newestFirst() {
        return find("order by createdAt desc, id desc").list();
    }
}
