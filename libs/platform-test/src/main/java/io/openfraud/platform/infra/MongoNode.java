package io.openfraud.platform.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MongoDB <b>wire-compatible</b> server ({@code de.bwaldvogel:mongo-java-server} with its in-memory backend), not
 * MongoDB itself: no MongoDB server can be installed on the build machines. The MongoDB drivers talk to it as to a
 * MongoDB 3.6-era server (wire version 8). Known limits: non-unique secondary indexes are accepted but ignored, no
 * multi-document transactions, a subset of aggregation stages; data lives in memory only, so there is no data
 * directory. Production runs MongoDB or Amazon DocumentDB.
 *
 * <p>Connection info keys: {@code host}, {@code port}, {@code connection.string} ({@code mongodb://127.0.0.1:PORT}).
 */
public final class MongoNode implements InfraNode {

    private final int port;
    private MongoServer server;

    private MongoNode(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on a free port. */
    public static MongoNode start() {
        return start(0);
    }

    /** Starts a server on {@code port} (0 picks a free one). */
    public static MongoNode start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind(NodeSupport.LOOPBACK, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new IllegalStateException("mongo-java-server did not bind to port " + port, e);
        }
        InetSocketAddress bound = server.getLocalAddress();
        return new MongoNode(server, bound.getPort());
    }

    @Override
    public String name() {
        return "mongo";
    }

    @Override
    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:PORT}, the form of {@code quarkus.mongodb.connection-string}. */
    public String connectionString() {
        return "mongodb://" + host() + ":" + port;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("host", host());
        info.put("port", String.valueOf(port));
        info.put("connection.string", connectionString());
        return Map.copyOf(info);
    }

    /** Closes every client connection and drops all data. */
    @Override
    public synchronized void stop() {
        MongoServer running = server;
        server = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MongoNode[" + connectionString() + "]";
    }

    /** Runs a server as a process of its own; see {@link InfraMain}. */
    public static void main(String[] args) {
        InfraMain.main(InfraMain.prepend("mongo", args));
    }
}
