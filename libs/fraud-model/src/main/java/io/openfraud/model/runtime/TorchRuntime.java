package io.openfraud.model.runtime;

import ai.djl.engine.Engine;

/**
 * Loads the PyTorch engine once per JVM, offline, with thread settings that suit small machines.
 *
 * <p>DJL reads its settings from system properties the first time an engine loads, so they are set here before
 * anything touches DJL. {@code ai.djl.offline=true} matters twice: without it the engine makes a telemetry call at
 * start, and a missing native artifact silently turns into a download attempt instead of a clear failure.
 */
public final class TorchRuntime {

    /** Name DJL knows the engine by. */
    public static final String ENGINE = "PyTorch";

    private static volatile String version;

    private TorchRuntime() {
    }

    /**
     * Loads the engine (idempotent) and returns the PyTorch version.
     *
     * @param numThreads        intra-op threads; 1 keeps latency steady on 2 cores
     * @param numInteropThreads inter-op threads
     */
    public static synchronized String load(int numThreads, int numInteropThreads) {
        if (version == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(numThreads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(numInteropThreads));
            version = Engine.getEngine(ENGINE).getVersion();
        }
        return version;
    }

    /** The loaded PyTorch version, or {@code null} before {@link #load(int, int)} succeeded. */
    public static String loadedVersion() {
        return version;
    }
}
