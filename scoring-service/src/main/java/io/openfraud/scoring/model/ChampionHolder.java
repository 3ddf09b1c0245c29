package io.openfraud.scoring.model;

import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.features.FeatureSet;
import io.openfraud.model.artifact.InvalidArtifactException;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.network.FraudModel;
import io.openfraud.model.explain.Occlusion;
import io.openfraud.model.runtime.TorchRuntime;
import io.openfraud.scoring.config.StreamConfig;
import java.util.Arrays;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The champion model scoring serves, if any. At start it asks the registry for its champion, checks the artifact's
 * SHA-256 against the registry's, and loads it; until then (no champion, registry down, bad artifact) verdicts come
 * from the rules fallback and the holder keeps trying in the background. A {@code CHAMPION} event on
 * {@code models.lifecycle} makes it ask the registry again (the registry's alias is the truth, so replayed or
 * out-of-order events cannot bring an old version back), load the new version on its own thread and swap it in
 * atomically; the old model closes when the last request using it finishes ({@link ServingModel}).
 */
@ApplicationScoped
public class ChampionHolder {

    private static final Logger LOG = Logger.getLogger(ChampionHolder.class);

    private final ModelRegistryClient registry;
    private final ModelConfig config;
    private final int threads;
    private final int interopThreads;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private final AtomicBoolean reconcilePending = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "champion-loader");
        t.setDaemon(true);
        return t;
    });
    private volatile String status = "not checked yet";
    private volatile boolean checked;

    private final int batchSize;

    ChampionHolder(ModelRegistryClient registry, ModelConfig config, StreamConfig stream,
            @ConfigProperty(name = "openfraud.djl.num-threads", defaultValue = "1") int threads,
            @ConfigProperty(name = "openfraud.djl.num-interop-threads", defaultValue = "1") int interopThreads) {
        this.registry = registry;
        this.config = config;
        this.threads = threads;
        this.interopThreads = interopThreads;
        this.batchSize = stream.maxBatch();
    }

    void onStart(@Observes StartupEvent start) {
        requestReconcile();
    }

    void onStop(@Observes ShutdownEvent stop) {
        loader.shutdownNow();
        ServingModel last = current.getAndSet(null);
        if (last != null) {
            last.release();
        }
    }

    /** A {@code models.lifecycle} event: a new champion makes the holder check the registry again. */
    public void lifecycle(ModelLifecycleEvent event) {
        if (event.stage() == ModelLifecycleEvent.Stage.CHAMPION) {
            ServingModel serving = current.get();
            if (serving == null || !serving.version().equals(event.version())
                    || !serving.sha256().equalsIgnoreCase(event.sha256())) {
                LOG.infof("champion %s announced; checking the registry", event.version());
                requestReconcile();
            }
        }
    }

    /** The serving model with a reference taken for one request (release it), or null while scoring with rules. */
    ServingModel acquire() {
        while (true) {
            ServingModel serving = current.get();
            if (serving == null || serving.acquire()) {
                return serving;
            }
            // swapped and closed between the read and the acquire: read the new one
        }
    }

    /** Version being served, empty while the rules fallback scores. */
    public Optional<String> version() {
        ServingModel serving = current.get();
        return serving == null ? Optional.empty() : Optional.of(serving.version());
    }

    /** Whether the holder has asked the registry at least once (and loaded its champion if it had a servable one). */
    public boolean checked() {
        return checked;
    }

    /**
     * Runs the serving model's hot path (see {@link #warmUp(FraudModel, int)}); false while the rules score.
     */
    public boolean warmUpServing() {
        ServingModel serving = acquire();
        if (serving == null) {
            return false;
        }
        try {
            warmUp(serving.model(), batchSize);
            return true;
        } finally {
            serving.release();
        }
    }

    /**
     * A model's hot path on its training medians: one row, a full stream batch and the occlusion behind reason codes,
     * so that the first request on a new model (native kernels, predictor buffers, JIT) does not pay for it. A swap
     * runs it before the model takes traffic.
     */
    static void warmUp(FraudModel model, int batchSize) {
        double[] row = model.metadata().medians().clone();
        double[][] batch = new double[batchSize][];
        Arrays.fill(batch, row);
        for (int i = 0; i < 20; i++) {
            check(model.score(row));
            for (double score : model.score(batch)) {
                check(score);
            }
            Occlusion.topReasons(model, row, 3);
        }
    }

    private static void check(double score) {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new UnservableModel("the model scores its own training medians " + score);
        }
    }

    /** What the holder last did or ran into, for readiness. */
    public String status() {
        return status;
    }

    private void requestReconcile() {
        if (reconcilePending.compareAndSet(false, true)) {
            loader.execute(this::reconcile);
        }
    }

    private void retryLater() {
        if (!loader.isShutdown() && retryScheduled.compareAndSet(false, true)) {
            loader.schedule(() -> {
                retryScheduled.set(false);
                requestReconcile();
            }, config.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reconcile() {
        reconcilePending.set(false);
        try {
            reconcileOnce();
        } finally {
            checked = true;
        }
    }

    private void reconcileOnce() {
        try {
            Optional<ChampionRef> champion = registry.championIfAny();
            if (champion.isEmpty()) {
                status = "the registry has no champion";
                if (current.get() == null) {
                    retryLater();
                }
                return;
            }
            load(champion.get());
        } catch (InvalidArtifactException | UnservableModel refused) {
            status = "refused: " + refused.getMessage();
            LOG.errorf("champion refused, still serving %s: %s", version().orElse("rules"), refused.getMessage());
            if (current.get() == null) {
                retryLater(); // the registry may fix it; a loaded model waits for the next event instead
            }
        } catch (RuntimeException e) {
            status = "registry unavailable: " + e.getClass().getSimpleName();
            LOG.warnf("could not fetch the champion (%s); serving %s and trying again in %s", e.toString(),
                    version().orElse("rules"), config.retryInterval());
            retryLater();
        }
    }

    private void load(ChampionRef champion) {
        ServingModel serving = current.get();
        if (serving != null && serving.version().equals(champion.version())
                && serving.sha256().equalsIgnoreCase(champion.sha256())) {
            if (!status.startsWith("serving " + champion.version() + ",")) {
                status = "serving " + champion.version(); // keep the warm-up note of the load that is serving
            }
            return;
        }
        if (!FeatureSet.VERSION.equals(champion.featureSetVersion())) {
            throw new UnservableModel("champion " + champion.version() + " is for feature set "
                    + champion.featureSetVersion() + ", this service computes " + FeatureSet.VERSION);
        }
        if (champion.sha256() == null || champion.sha256().isBlank()) {
            throw new UnservableModel("champion " + champion.version() + " has no checksum");
        }
        byte[] bytes = registry.artifact(champion.version());
        ModelArtifact artifact = ModelArtifact.read(bytes, FeatureSet.VERSION, champion.sha256());
        TorchRuntime.load(threads, interopThreads);
        FraudModel model = FraudModel.load(artifact, config.poolSize());
        long warmStart = System.nanoTime();
        try {
            warmUp(model, batchSize); // before it takes traffic: the swap must not show in the first requests' latency
        } catch (RuntimeException e) {
            model.close();
            throw e instanceof UnservableModel u ? u
                    : new UnservableModel("champion " + champion.version() + " fails its warm-up: " + e);
        }
        ServingModel previous = current.getAndSet(new ServingModel(champion.version(),
                champion.sha256().toLowerCase(java.util.Locale.ROOT), model));
        status = "serving " + champion.version() + ", warmed up before the swap (1 row, a batch of " + batchSize
                + ", occlusion; " + (System.nanoTime() - warmStart) / 1_000_000 + " ms)";
        LOG.infof("serving champion %s (was %s)", champion.version(),
                previous == null ? "rules" : previous.version());
        if (previous != null) {
            previous.release();
        }
    }

    /** A champion this service cannot serve. */
    static final class UnservableModel extends RuntimeException {
        UnservableModel(String message) {
            super(message);
        }
    }
}
