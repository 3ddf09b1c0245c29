package io.openfraud.platform.test;

import java.util.Map;

/** Test-side access to the shared MongoDB wire-compatible server (mongo-java-server, in memory). */
public final class SharedMongo {

    private final String host;
    private final int port;
    private final String connectionString;

    SharedMongo(Map<String, String> connectionInfo) {
        this.host = connectionInfo.get("host");
        this.port = Integer.parseInt(connectionInfo.get("port"));
        this.connectionString = connectionInfo.get("connection.string");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:PORT}. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public String toString() {
        return "SharedMongo[" + connectionString + "]";
    }
}
