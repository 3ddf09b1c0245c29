package io.openfraud.model.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the PyTorch runtime. */
@ConfigMapping(prefix = "openfraud.djl")
public interface TorchConfig {

    /** Intra-op threads per inference or training call. One is best on small nodes: see the benchmarks. */
    @WithDefault("1")
    int numThreads();

    /** Inter-op threads. */
    @WithDefault("1")
    int numInteropThreads();
}
