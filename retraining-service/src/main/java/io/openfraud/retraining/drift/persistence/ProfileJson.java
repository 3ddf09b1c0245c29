package io.openfraud.retraining.drift.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.retraining.drift.core.CategoricalHistogram;
import io.openfraud.retraining.drift.core.FeatureKind;
import io.openfraud.retraining.drift.core.FeatureReference;
import io.openfraud.retraining.drift.core.NumericHistogram;
import io.openfraud.retraining.drift.core.ProductionProfile;
import io.openfraud.retraining.drift.core.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON forms of profiles and histograms, as stored in JSONB. A numeric histogram is
 * {@code {"edges":[..],"counts":[..],"sums":[..],"nan":n,"min":x,"max":y}} (min and max omitted while empty), a
 * categorical one {@code {"categories":{"0":n,..},"nan":n}}.
 */
public final class ProfileJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileJson() {
    }

    public static String reference(ReferenceProfile p) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("featureSetVersion", p.featureSetVersion());
        root.put("modelVersion", p.modelVersion());
        root.put("source", p.source());
        root.put("rows", p.rows());
        ArrayNode features = root.putArray("features");
        for (FeatureReference f : p.features()) {
            ObjectNode n = features.addObject();
            n.put("name", f.name());
            n.put("kind", f.kind().name());
            n.put("mean", f.mean());
            n.put("std", f.std());
            n.set("histogram", f.kind() == FeatureKind.NUMERIC ? numeric(f.numeric()) : categorical(f.categorical()));
        }
        if (p.scores() != null) {
            root.set("scores", numeric(p.scores()));
        }
        return root.toString();
    }

    public static ReferenceProfile reference(String json) {
        JsonNode root = read(json);
        List<FeatureReference> features = new ArrayList<>();
        for (JsonNode n : root.path("features")) {
            FeatureKind kind = FeatureKind.valueOf(n.path("kind").asText());
            JsonNode h = n.path("histogram");
            features.add(new FeatureReference(n.path("name").asText(), kind,
                    kind == FeatureKind.NUMERIC ? numeric(h) : null,
                    kind == FeatureKind.CATEGORICAL ? categorical(h) : null, n.path("mean").asDouble(),
                    n.path("std").asDouble()));
        }
        JsonNode scores = root.path("scores");
        return new ReferenceProfile(root.path("featureSetVersion").asText(),
                root.path("modelVersion").isNull() || root.path("modelVersion").isMissingNode() ? null
                        : root.path("modelVersion").asText(),
                root.path("source").asText(), root.path("rows").asLong(), features,
                scores.isMissingNode() || scores.isNull() ? null : numeric(scores));
    }

    /** The histograms of a production profile: {@code {"features":[..],"scores":{..}}}. */
    public static String production(ProductionProfile p) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode features = root.putArray("features");
        for (int i = 0; i < p.names().size(); i++) {
            Object h = p.histogram(i);
            features.add(h instanceof NumericHistogram n ? numeric(n) : categorical((CategoricalHistogram) h));
        }
        root.set("scores", numeric(p.scores()));
        return root.toString();
    }

    /** Adds a stored production bucket ({@link #production(ProductionProfile)}) to {@code into}. */
    public static void mergeInto(ProductionProfile into, String json, long vectors) {
        JsonNode root = read(json);
        JsonNode features = root.path("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode h = features.get(i);
            into.restore(i, h.has("edges") ? numeric(h) : categorical(h));
        }
        into.restoreTotals(numeric(root.path("scores")), vectors);
    }

    static ObjectNode numeric(NumericHistogram h) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode edges = n.putArray("edges");
        for (double e : h.edges()) {
            edges.add(e);
        }
        ArrayNode counts = n.putArray("counts");
        for (long c : h.counts()) {
            counts.add(c);
        }
        ArrayNode sums = n.putArray("sums");
        for (double s : h.sums()) {
            sums.add(s);
        }
        n.put("nan", h.nan());
        if (h.total() > 0) {
            n.put("min", h.min());
            n.put("max", h.max());
        }
        return n;
    }

    static NumericHistogram numeric(JsonNode n) {
        double[] edges = doubles(n.path("edges"));
        long[] counts = new long[n.path("counts").size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = n.path("counts").get(i).asLong();
        }
        return NumericHistogram.of(edges, counts, doubles(n.path("sums")), n.path("nan").asLong(),
                n.has("min") ? n.get("min").asDouble() : Double.POSITIVE_INFINITY,
                n.has("max") ? n.get("max").asDouble() : Double.NEGATIVE_INFINITY);
    }

    static ObjectNode categorical(CategoricalHistogram h) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode categories = n.putObject("categories");
        h.asMap().forEach(categories::put);
        n.put("nan", h.nan());
        return n;
    }

    static CategoricalHistogram categorical(JsonNode n) {
        Map<String, Long> counts = new LinkedHashMap<>();
        n.path("categories").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return CategoricalHistogram.of(counts, n.path("nan").asLong());
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable stored profile", e);
        }
    }
}
