package io.openfraud.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.model.artifact.ModelMetadata.Calibration;
import io.openfraud.model.artifact.ModelMetadata.Network;
import io.openfraud.model.artifact.ModelMetadata.Normalization;
import io.openfraud.model.artifact.ModelMetadata.Thresholds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ModelArtifactTest {

    static ModelMetadata metadata(String featureSetVersion) {
        Map<String, Double> metrics = new TreeMap<>(Map.of("pr_auc", 0.91, "roc_auc", 0.99));
        Map<String, String> hyper = new TreeMap<>(Map.of("seed", "42", "epochs", "5"));
        return new ModelMetadata(ModelArtifact.FORMAT, "m-1", featureSetVersion, List.of("a", "b"),
                new Network(2, List.of(4), 0.1), new Normalization(new double[] {1, 2}, new double[] {3, 4}),
                new double[] {0.5, 0.25}, new Calibration("platt", 1.5, -2.0),
                new Thresholds(0.3, 0.7, "test"), metrics, hyper, null);
    }

    private static final byte[] PARAMS = "not really DJL params but bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsAndKeepsTheMetadata() {
        ModelArtifact artifact = ModelArtifact.of(metadata("features-v1"), PARAMS);
        ModelArtifact read = ModelArtifact.read(artifact.toBytes(), "features-v1", artifact.sha256());

        assertThat(read.params()).isEqualTo(PARAMS);
        assertThat(read.metadata().paramsSha256()).isEqualTo(ModelArtifact.sha256(PARAMS));
        assertThat(read.metadata().featureNames()).containsExactly("a", "b");
        assertThat(read.metadata().normalization().scale()).containsExactly(3, 4);
        assertThat(read.metadata().medians()).containsExactly(0.5, 0.25);
        assertThat(read.metadata().calibration()).isEqualTo(new Calibration("platt", 1.5, -2.0));
        assertThat(read.metadata().metrics()).containsEntry("pr_auc", 0.91);
        assertThat(read.toBytes()).isEqualTo(artifact.toBytes());
    }

    @Test
    void sameModelSameBytesAndChecksum() {
        ModelArtifact a = ModelArtifact.of(metadata("features-v1"), PARAMS);
        ModelArtifact b = ModelArtifact.of(metadata("features-v1"), PARAMS.clone());
        assertThat(a.toBytes()).isEqualTo(b.toBytes());
        assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
        assertThat(ModelArtifact.of(metadata("features-v1"), "other".getBytes()).sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void refusesParamsThatDoNotMatchTheirChecksum() {
        ModelArtifact genuine = ModelArtifact.of(metadata("features-v1"), PARAMS);
        byte[] tampered = PARAMS.clone();
        tampered[3] ^= 1;
        byte[] file = new ModelArtifact(genuine.metadata(), tampered).toBytes();

        assertThatThrownBy(() -> ModelArtifact.read(file, "features-v1", null))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("model.params sha256 is " + ModelArtifact.sha256(tampered))
                .hasMessageContaining("metadata says " + genuine.metadata().paramsSha256());
    }

    @Test
    void refusesAFileWhoseChecksumIsNotTheExpectedOne() {
        ModelArtifact artifact = ModelArtifact.of(metadata("features-v1"), PARAMS);
        String expected = "0".repeat(64);
        assertThatThrownBy(() -> ModelArtifact.read(artifact.toBytes(), "features-v1", expected))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("artifact checksum mismatch: file sha256 is " + artifact.sha256() + ", expected "
                        + expected);
    }

    @Test
    void refusesAnotherFeatureSetVersion() {
        byte[] file = ModelArtifact.of(metadata("features-v0"), PARAMS).toBytes();
        assertThatThrownBy(() -> ModelArtifact.read(file, "features-v1", null))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessage("feature-set version mismatch: model m-1 was trained on features-v0 but this service "
                        + "computes features-v1");
    }

    @Test
    void keepsTheInputClipAndReadsAnArtifactWrittenBeforeItAsUnclipped() throws Exception {
        ModelMetadata m = metadata("features-v2");
        ModelMetadata clipped = new ModelMetadata(m.format(), m.modelVersion(), m.featureSetVersion(),
                m.featureNames(), m.network(), new Normalization(new double[] {1, 2}, new double[] {3, 4}, 10),
                m.medians(), m.calibration(), m.thresholds(), m.metrics(), m.hyperparameters(), null);
        ModelArtifact artifact = ModelArtifact.of(clipped, PARAMS);
        assertThat(ModelArtifact.read(artifact.toBytes(), "features-v2", artifact.sha256()).metadata()
                .normalization().clip()).isEqualTo(10);

        String json = artifact.metadataJson();
        assertThat(json).contains("\"clip\" : 10.0");
        byte[] older = zip(json.replaceAll(",\\s*\"clip\" : 10.0", ""), PARAMS);
        Normalization read = ModelArtifact.read(older, "features-v2", null).metadata().normalization();
        assertThat(read.clip()).isZero();
        assertThat(read.scale()).containsExactly(3, 4);
    }

    @Test
    void refusesANegativeClip() {
        assertThatThrownBy(() -> new Normalization(new double[] {0}, new double[] {1}, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] zip(String metadataJson, byte[] params) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(ModelArtifact.METADATA));
            zip.write(metadataJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry(ModelArtifact.PARAMS));
            zip.write(params);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void refusesSomethingThatIsNotAnArtifact() {
        assertThatThrownBy(() -> ModelArtifact.read("hello".getBytes(), "features-v1", null))
                .isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("must hold metadata.json and model.params");
    }
}
