package io.openfraud.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {

    @Test
    void loadsPyTorchOfflineFromMavenArtifactsAndComputes() {
        String version = TorchRuntime.load(1, 1);

        assertThat(version).startsWith("2.7");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        try (NDManager manager = NDManager.newBaseManager(TorchRuntime.ENGINE)) {
            NDArray a = manager.create(new float[] {1f, 2f, 3f});
            assertThat(a.mul(2).sum().getFloat()).isEqualTo(12f);
        }
    }

    @Test
    void loadIsIdempotent() {
        assertThat(TorchRuntime.load(1, 1)).isEqualTo(TorchRuntime.load(2, 2));
        assertThat(TorchRuntime.loadedVersion()).isNotNull();
    }
}
