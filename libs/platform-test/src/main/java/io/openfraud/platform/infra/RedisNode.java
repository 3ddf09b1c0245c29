package io.openfraud.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (6.2, the binary that {@code com.github.codemonstur:embedded-redis} ships), bound to
 * 127.0.0.1. By default nothing is persisted ({@code save ""}, {@code appendonly no}). {@link #stop()} followed by
 * {@link #startAgain()} brings a server back on the same port, which is how tests simulate "Redis down".
 *
 * <p>Connection info keys: {@code host}, {@code port}, {@code uri} ({@code redis://127.0.0.1:PORT}), {@code data.dir}.
 */
public final class RedisNode implements InfraNode {

    private final int port;
    private final Path dataDirectory;
    private final boolean temporaryData;
    private final boolean persistent;
    private RedisServer server;

    private RedisNode(int port, Path dataDirectory, boolean temporaryData, boolean persistent) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.temporaryData = temporaryData;
        this.persistent = persistent;
    }

    /** Starts a server on a free port, without persistence, with a temporary working directory. */
    public static RedisNode start() {
        return start(0, null, false);
    }

    /**
     * Starts a server.
     *
     * @param port          port to listen on; 0 picks a free one
     * @param baseDirectory working directory {@code baseDirectory/redis}, kept after stop; null for a temporary one
     *                      that {@link #stop()} deletes
     * @param persistent    whether to keep data across restarts (append-only file in the working directory)
     */
    public static RedisNode start(int port, Path baseDirectory, boolean persistent) {
        Path dir = NodeSupport.dataDirectory(baseDirectory, "redis");
        RedisNode node = new RedisNode(NodeSupport.portOrFree(port), dir, baseDirectory == null, persistent);
        try {
            node.startAgain();
        } catch (RuntimeException e) {
            node.stop();
            throw e;
        }
        return node;
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port and working directory (without persistence it
     * comes back empty); does nothing if it is running. Returns once redis-server logged that it accepts connections.
     */
    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        RedisServer redis;
        try {
            Files.createDirectories(dataDirectory);
            redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind(NodeSupport.LOOPBACK)
                    .setting("dir " + dataDirectory)
                    .setting(persistent ? "appendonly yes" : "appendonly no")
                    .setting(persistent ? "save 60 1" : "save \"\"")
                    .setting("protected-mode no") // bound to loopback anyway; lets clients in without a password
                    .build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
        server = redis;
    }

    /**
     * Stops the process (SIGTERM, waiting for it to exit) and deletes a temporary working directory;
     * {@link #startAgain()} recreates it.
     */
    @Override
    public synchronized void stop() {
        RedisServer running = server;
        server = null;
        if (running != null) {
            try {
                running.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop redis-server on port " + port, e);
            }
        }
        if (temporaryData) {
            NodeSupport.deleteRecursively(dataDirectory);
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, the form of {@code quarkus.redis.hosts}. */
    public String uri() {
        return "redis://" + host() + ":" + port;
    }

    /** The server's working directory ({@code dir}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isActive();
    }

    @Override
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("host", host());
        info.put("port", String.valueOf(port));
        info.put("uri", uri());
        info.put("data.dir", dataDirectory.toString());
        return Map.copyOf(info);
    }

    @Override
    public String toString() {
        return "RedisNode[" + uri() + ", " + dataDirectory + "]";
    }

    /** Runs a server as a process of its own; see {@link InfraMain}. */
    public static void main(String[] args) {
        InfraMain.main(InfraMain.prepend("redis", args));
    }
}
