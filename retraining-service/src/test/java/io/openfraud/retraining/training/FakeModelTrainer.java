package io.openfraud.retraining.training;

import io.openfraud.model.training.Evaluation;
import io.openfraud.retraining.registry.artifact.Sha256;
import io.openfraud.retraining.training.djl.DjlModelTrainer;
import io.openfraud.retraining.registry.service.PromotionGate;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * <b>Tests only.</b> A {@link ModelTrainer} whose output the test chooses: metrics for the candidate and for the
 * champion on the same test slice, a failure, or a pause until the test releases it. Its artifact is a few random
 * bytes with their real SHA-256. An {@code @Alternative} with a priority, so it wins over any production trainer bean.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeModelTrainer implements ModelTrainer {

    /** What {@link #train} was called with. */
    public record Call(TrainingRequest request, Optional<Incumbent> incumbent) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Map<String, Double> metrics = metrics(0.90, 0.80);
    private volatile Map<String, Double> championMetrics = metrics(0.90, 0.80);
    private volatile String failure;
    private volatile boolean wrongChecksum;
    private volatile CountDownLatch hold;
    private volatile CountDownLatch entered = new CountDownLatch(1);

    public static Map<String, Double> metrics(double prAuc, double recall) {
        return Map.of(PromotionGate.PR_AUC, prAuc, PromotionGate.RECALL_AT_TARGET_FPR, recall, "rocAuc", 0.97);
    }

    /** Back to defaults: succeed at once with PR-AUC 0.90 and recall 0.80 for both. */
    public void reset() {
        calls.clear();
        metrics = metrics(0.90, 0.80);
        championMetrics = metrics(0.90, 0.80);
        failure = null;
        wrongChecksum = false;
        release();
        hold = null;
        entered = new CountDownLatch(1);
    }

    /** The next runs report these metrics for the candidate and for the champion on the same slice. */
    public void willScore(Map<String, Double> candidate, Map<String, Double> champion) {
        this.metrics = candidate;
        this.championMetrics = champion;
    }

    /** The next runs fail with {@code message}. */
    public void willFail(String message) {
        this.failure = message;
    }

    /** The next runs declare a checksum their bytes do not have. */
    public void willLieAboutChecksum() {
        this.wrongChecksum = true;
    }

    /** The next runs wait in {@link #train} until {@link #release()}. */
    public void holdRuns() {
        this.entered = new CountDownLatch(1);
        this.hold = new CountDownLatch(1);
    }

    /** Lets held runs finish. */
    public void release() {
        CountDownLatch latch = hold;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Waits until a run is inside {@link #train}. */
    public boolean awaitEntered(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public TrainedModel train(TrainingRequest request, Optional<Incumbent> incumbent, TrainingProgress progress)
            throws Exception {
        calls.add(new Call(request, incumbent));
        entered.countDown();
        progress.report(0.1, "loading window");
        CountDownLatch latch = hold;
        if (latch != null && !latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the fake trainer");
        }
        progress.report(0.5, "epoch 1/2");
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        progress.report(1.0, "evaluating");
        byte[] artifact = ("fake model of run " + request.runId() + " " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8);
        String sha256 = Sha256.hex(artifact);
        if (wrongChecksum) {
            sha256 = Sha256.hex("something else".getBytes(StandardCharsets.UTF_8));
        }
        return new TrainedModel(artifact, sha256, "features-v1", Map.of("epochs", "2", "seed", "42"), 1000, 1000,
                12, request.windowEnd().minus(Duration.ofDays(2)), request.windowEnd(), metrics,
                incumbent.map(Incumbent::version).orElse(null), incumbent.isPresent() ? championMetrics : Map.of(),
                report());
    }

    /**
     * A report shaped as the DJL trainer's: the rules fallback's PR-AUC, the model's and the rules' evaluations and
     * their curves, on fixed scores (300 rows: more distinct model scores than a curve keeps, coarse rules scores).
     */
    private static Map<String, Object> report() {
        java.util.Random random = new java.util.Random(42);
        int n = 300;
        double[] model = new double[n];
        double[] rules = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10 == 0;
            model[i] = Math.min(1.0, random.nextDouble() * 0.6 + (labels[i] ? 0.4 : 0.0));
            rules[i] = Math.round(Math.min(1.0, random.nextDouble() * 0.8 + (labels[i] ? 0.2 : 0.0)) * 10) / 10.0;
        }
        return Map.of("rulesFallback", Map.of(PromotionGate.PR_AUC, 0.42),
                "model", Evaluation.of(model, labels, 0.5, 20), "rules", Evaluation.of(rules, labels, 0.5, 20),
                "curves", DjlModelTrainer.curves(model, rules, labels));
    }
}
