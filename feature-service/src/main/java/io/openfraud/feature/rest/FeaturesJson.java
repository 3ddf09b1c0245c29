package io.openfraud.feature.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.openfraud.features.FeatureSet;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a feature map as the plain JSON object Jackson would write, with the feature names pre-encoded once: the
 * names' escaping and UTF-8 encoding were the largest single cost of a vector response (FeatureBench profile).
 */
public final class FeaturesJson extends StdSerializer<Map<String, Double>> {

    private static final Map<String, SerializedString> NAMES = new HashMap<>();

    static {
        FeatureSet.names().forEach(name -> NAMES.put(name, new SerializedString(name)));
    }

    @SuppressWarnings("unchecked")
    public FeaturesJson() {
        super((Class<Map<String, Double>>) (Class<?>) Map.class);
    }

    @Override
    public void serialize(Map<String, Double> features, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        gen.writeStartObject(features, features.size());
        for (Map.Entry<String, Double> e : features.entrySet()) {
            SerializedString name = NAMES.get(e.getKey());
            if (name != null) {
                gen.writeFieldName(name);
            } else {
                gen.writeFieldName(e.getKey());
            }
            if (e.getValue() == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(e.getValue());
            }
        }
        gen.writeEndObject();
    }
}
