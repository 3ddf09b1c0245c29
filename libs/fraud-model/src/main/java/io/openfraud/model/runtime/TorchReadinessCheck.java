package io.openfraud.model.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Loads PyTorch in the background when the application starts and reports ready only once it has: a pod must not
 * take scoring traffic while libtorch is still being unpacked and linked. A failed load keeps the service unready
 * and says why. (Plain {@code @ConfigProperty}: a {@code @ConfigMapping} declared in a library jar is not
 * registered by Quarkus 3.33 when the library is indexed through its beans.xml.)
 */
@Readiness
@ApplicationScoped
public class TorchReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(TorchReadinessCheck.class);

    /** Intra-op threads per inference or training call; one keeps latency steady on small nodes. */
    @ConfigProperty(name = "openfraud.djl.num-threads", defaultValue = "1")
    int numThreads;

    /** Inter-op threads. */
    @ConfigProperty(name = "openfraud.djl.num-interop-threads", defaultValue = "1")
    int numInteropThreads;

    private final AtomicReference<String> failure = new AtomicReference<>();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Thread loader = new Thread(this::load, "pytorch-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        try {
            long start = System.nanoTime();
            String version = TorchRuntime.load(numThreads, numInteropThreads);
            LOG.infof("PyTorch %s loaded offline in %d ms", version, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            failure.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.error("PyTorch failed to load", e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        String version = TorchRuntime.loadedVersion();
        if (version != null) {
            return HealthCheckResponse.named("pytorch").up().withData("version", version).build();
        }
        String error = failure.get();
        return HealthCheckResponse.named("pytorch").down()
                .withData("state", error == null ? "loading" : "failed")
                .withData("error", error == null ? "" : error)
                .build();
    }
}
