package io.openfraud.retraining;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import io.openfraud.events.label.LabelFeedback;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.scoring.Decision;
import io.openfraud.events.scoring.EnrichedTransaction;
import io.openfraud.events.scoring.ScoredTransaction;
import io.openfraud.events.scoring.Scorer;
import io.openfraud.events.scoring.Verdict;
import io.openfraud.events.transaction.ProcessingPath;
import io.openfraud.features.FeatureSet;
import io.openfraud.platform.test.Infra;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds and publishes the events retraining-service consumes. */
public final class Events {

    private Events() {
    }

    public static <V> byte[] encode(Topic<V> topic, String producer, V payload) {
        return new EventCodec<>(topic).encode(EventEnvelope.of(topic, producer, payload, Instant.now()));
    }

    public static void publish(Topic<?> topic, String key, byte[] value) {
        Infra.kafka().produce(topic.name(), key, value);
    }

    public static byte[] label(String transactionId, LabelValue value, LabelSource source, String observedAt) {
        return encode(Topics.LABELS_FEEDBACK, Services.INGESTION,
                new LabelFeedback(transactionId, value, source, Instant.parse(observedAt)));
    }

    public static void publishLabel(String transactionId, LabelValue value, LabelSource source, String observedAt) {
        publish(Topics.LABELS_FEEDBACK, transactionId, label(transactionId, value, source, observedAt));
    }

    public static void publishVector(String transactionId, Instant at, double[] values) {
        EnrichedTransaction e = new EnrichedTransaction(transactionId, "cus_drift", at, ProcessingPath.ASYNC, null,
                FeatureSet.VERSION, FeatureSet.asMap(values));
        publish(Topics.TRANSACTIONS_ENRICHED, "cus_drift", encode(Topics.TRANSACTIONS_ENRICHED, Services.FEATURE, e));
    }

    public static void publishScored(String transactionId, String customer, String modelVersion, double score,
            Decision decision, Instant at) {
        ScoredTransaction s = new ScoredTransaction(transactionId, customer, at, ProcessingPath.ASYNC,
                new Verdict(score, decision, List.of(), modelVersion, FeatureSet.VERSION, Scorer.MODEL, List.of()),
                Instant.now());
        publish(Topics.TRANSACTIONS_SCORED, customer, encode(Topics.TRANSACTIONS_SCORED, Services.SCORING, s));
    }

    /** Value of a Prometheus sample {@code name{tag="value"}} in an exposition, or NaN if absent. */
    public static double sample(String exposition, String name, Map<String, String> tags) {
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = tags.entrySet().stream().allMatch(t -> line.contains(t.getKey() + "=\"" + t.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
