package io.openfraud.platform.infra;

import java.util.Map;

/**
 * One running store, started from Maven artifacts on a loopback port. Closing it stops it; stopping twice is harmless.
 * Implementations are thread-safe.
 */
public interface InfraNode extends AutoCloseable {

    /** Short name of the store: {@code kafka}, {@code postgres}, {@code redis} or {@code mongo}. */
    String name();

    /** Host clients connect to (always loopback). */
    default String host() {
        return NodeSupport.LOOPBACK;
    }

    /** Port clients connect to. */
    int port();

    /** Whether the node is serving now. */
    boolean isRunning();

    /**
     * What a client needs to connect, as plain strings (keys are documented on each node). The same map is printed by
     * {@link InfraMain} and published as {@code openfraud.infra.<name>.<key>} system properties by the shared test
     * nodes.
     */
    Map<String, String> connectionInfo();

    /** Stops the node and, if its data directory was temporary, deletes it. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
