package io.openfraud.feature.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.features.FeatureSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pre-encoded feature names write exactly what Jackson's own map serializer writes. */
class FeaturesJsonTest {

    @Test
    void writesTheSameJsonAsJacksonsMapSerializer() throws Exception {
        Map<String, Double> features = new LinkedHashMap<>();
        int i = 0;
        for (String name : FeatureSet.names()) {
            features.put(name, i++ % 3 == 0 ? 0.0 : i * 1.0 / 7);
        }
        features.put("not_a_feature \"quoted\"", -1.5e-9);
        ObjectMapper mapper = new ObjectMapper();
        String written = mapper.writeValueAsString(new VectorResource.VectorView(FeatureSet.VERSION, features));

        assertThat(written).startsWith("{\"featureSetVersion\":\"" + FeatureSet.VERSION + "\",\"features\":{");
        assertThat(written).isEqualTo("{\"featureSetVersion\":\"" + FeatureSet.VERSION + "\",\"features\":"
                + mapper.writeValueAsString(features) + "}");
        assertThat(mapper.readTree(written).get("features").size()).isEqualTo(FeatureSet.names().size() + 1);
    }
}
