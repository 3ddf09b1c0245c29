package io.openfraud.scoring.model;

import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.runtime.TorchRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The challenger, scored in shadow on the stream next to the champion: logged and counted, never deciding. Loaded
 * from the registry at start (if it has one) and on a {@code CHALLENGER} event (the event's version and checksum);
 * dropped when that version leaves the challenger stage. Failures only mean no shadow scoring.
 */
@ApplicationScoped
public class ChallengerHolder {

    private static final Logger LOG = Logger.getLogger(ChallengerHolder.class);

    private final ModelRegistryClient registry;
    private final int threads;
    private final int interopThreads;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "challenger-loader");
        t.setDaemon(true);
        return t;
    });

    ChallengerHolder(ModelRegistryClient registry,
            @ConfigProperty(name = "openfraud.djl.num-threads", defaultValue = "1") int threads,
            @ConfigProperty(name = "openfraud.djl.num-interop-threads", defaultValue = "1") int interopThreads) {
        this.registry = registry;
        this.threads = threads;
        this.interopThreads = interopThreads;
    }

    void onStart(@Observes StartupEvent start) {
        loader.execute(() -> registry.challengerIfAny().ifPresent(c -> load(c.version(), c.sha256(),
                c.featureSetVersion())));
    }

    void onStop(@Observes ShutdownEvent stop) {
        loader.shutdownNow();
        swap(null);
    }

    /** A {@code models.lifecycle} event: a new challenger is loaded, one leaving the stage dropped. */
    public void lifecycle(ModelLifecycleEvent event) {
        if (event.stage() == ModelLifecycleEvent.Stage.CHALLENGER) {
            loader.execute(() -> load(event.version(), event.sha256(), event.featureSetVersion()));
        } else {
            ServingModel serving = current.get();
            if (serving != null && serving.version().equals(event.version())) {
                loader.execute(() -> {
                    ServingModel now = current.get();
                    if (now != null && now.version().equals(event.version())) {
                        swap(null);
                        LOG.infof("challenger %s left the stage (%s): shadow scoring stopped", event.version(),
                                event.stage());
                    }
                });
            }
        }
    }

    /** The challenger with a reference taken (release it), or null. */
    ServingModel acquire() {
        while (true) {
            ServingModel serving = current.get();
            if (serving == null || serving.acquire()) {
                return serving;
            }
        }
    }

    private void load(String version, String sha256, String featureSetVersion) {
        try {
            ServingModel serving = current.get();
            if (serving != null && serving.version().equals(version)) {
                return;
            }
            if (!FeatureSet.VERSION.equals(featureSetVersion) || sha256 == null) {
                return;
            }
            ModelArtifact artifact = ModelArtifact.read(registry.artifact(version), FeatureSet.VERSION, sha256);
            TorchRuntime.load(threads, interopThreads);
            swap(new ServingModel(version, sha256.toLowerCase(Locale.ROOT), FraudModel.load(artifact, 1)));
            LOG.infof("shadow scoring with challenger %s", version);
        } catch (RuntimeException e) {
            LOG.warnf("challenger %s not loaded, no shadow scoring: %s", version, e.toString());
        }
    }

    private void swap(ServingModel next) {
        ServingModel previous = current.getAndSet(next);
        if (previous != null) {
            previous.release();
        }
    }
}
