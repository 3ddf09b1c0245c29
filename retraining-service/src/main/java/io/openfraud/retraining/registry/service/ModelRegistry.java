package io.openfraud.retraining.registry.service;

import io.openfraud.retraining.registry.persistence.ModelVersionEntity;
import io.openfraud.retraining.registry.persistence.ModelVersionRepository;
import io.openfraud.retraining.registry.rest.ModelVersionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The model registry: which versions exist and which one is champion. */
@ApplicationScoped
public class ModelRegistry {

    private final ModelVersionRepository versions;

    ModelRegistry(ModelVersionRepository versions) {
        this.versions = versions;
    }

    @Transactional
    public List<ModelVersionView> list() {
        return versions.newestFirst().stream().map(ModelRegistry::view).toList();
    }

    private static ModelVersionView view(ModelVersionEntity e) {
        return new ModelVersionView(e.modelName, e.version, e.stage, e.featureSetVersion, e.sha256, e.synthetic,
                e.createdAt);
    }
}
