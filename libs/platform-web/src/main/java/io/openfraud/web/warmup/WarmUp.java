package io.openfraud.web.warmup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Runs the service's {@link WarmUpTask}s once it has started, on a thread of its own, and keeps readiness DOWN
 * ({@code warm-up}) until they are done: Kubernetes and {@code fraudctl up} send traffic only to a warm service.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    static final String CHECK = "warm-up";
    static final Duration RETRY_EVERY = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final List<WarmUpTask> tasks;
    private final int iterations;
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private volatile boolean done;

    @Inject
    WarmUp(@Any Instance<WarmUpTask> tasks,
            @ConfigProperty(name = "openfraud.warm-up.iterations", defaultValue = "50") int iterations) {
        this(tasks.stream().toList(), iterations);
    }

    WarmUp(List<WarmUpTask> tasks, int iterations) {
        this.tasks = List.copyOf(tasks);
        this.iterations = iterations;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::runAll, "warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every task, {@code iterations} times each, in order; then ready. */
    void runAll() {
        try {
            for (WarmUpTask task : tasks) {
                outcomes.put(task.name(), run(task));
            }
        } finally {
            done = true;
        }
        LOG.infof("Warm-up done: %s", outcomes);
    }

    private String run(WarmUpTask task) {
        long start = System.nanoTime();
        long failingSince = 0;
        for (int i = 0; i < iterations; i++) {
            try {
                task.run();
                failingSince = 0;
            } catch (Exception | LinkageError e) {
                long now = System.nanoTime();
                if (failingSince == 0) {
                    failingSince = now;
                }
                // Not reachable yet, or a transient timeout on a busy machine: the same run again, until the task's
                // patience is spent by consecutive failures.
                if (now - failingSince < task.patience().toNanos() && pause()) {
                    i--;
                    continue;
                }
                LOG.warnf("Warm-up task %s failed at repetition %d (the service starts anyway): %s", task.name(),
                        i + 1, e.toString());
                return "failed after " + i + " runs: " + e;
            }
        }
        return iterations + " runs in " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_EVERY.toMillis()); // back-off between attempts to reach a peer that is starting
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isDone() {
        return done;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(CHECK).status(done);
        outcomes.forEach(response::withData);
        if (!done) {
            response.withData("pending", tasks.size() - outcomes.size());
        }
        return response.build();
    }
}
