package io.openfraud.platform.test;

import java.util.Map;

/** Test-side access to the shared Redis server, including an outage on demand. */
public final class SharedRedis {

    private final String host;
    private final int port;
    private final String uri;

    SharedRedis(Map<String, String> connectionInfo) {
        this.host = connectionInfo.get("host");
        this.port = Integer.parseInt(connectionInfo.get("port"));
        this.uri = connectionInfo.get("uri");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return uri;
    }

    /**
     * Stops the server: clients get connection errors until {@link #startAgain()}. Only possible for a server this
     * JVM started.
     */
    public void stop() {
        SharedNodesBridge.stopRedis();
    }

    /** Starts the server again on the same port, empty (no persistence); returns once it accepts connections. */
    public void startAgain() {
        SharedNodesBridge.startRedisAgain();
    }

    /** Whether the server is serving. */
    public boolean isRunning() {
        return SharedNodesBridge.redisRunning();
    }

    @Override
    public String toString() {
        return "SharedRedis[" + uri + "]";
    }
}
