package io.openfraud.platform.test;

import io.openfraud.platform.infra.InfraNode;
import io.openfraud.platform.infra.KafkaNode;
import io.openfraud.platform.infra.MongoNode;
import io.openfraud.platform.infra.PostgresNode;
import io.openfraud.platform.infra.RedisNode;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The nodes of this JVM: each store is started at most once, on first demand, and stopped by a JVM shutdown hook.
 *
 * <p><b>Always reached through {@link SharedNodesBridge}</b>, never directly: Quarkus loads test resources (and the
 * test classes that use {@link Infra}) in class loaders of its own, one per application start, and a static field
 * here would then exist once per class loader. The bridge calls the copy of this class that the JVM's system class
 * loader holds, the same for every caller, through reflection and with {@code java.*} types only ({@code String},
 * {@code Map<String, String>}), which every class loader shares. The nodes therefore live in classes that no Quarkus
 * restart closes.
 *
 * <p>Second line of defence, and a way to use infrastructure started elsewhere: every node's connection info is
 * published as system properties {@code openfraud.infra.<store>.<key>} (for example
 * {@code openfraud.infra.kafka.bootstrap.servers}). A copy of this class that owns no node but finds those properties
 * reuses them instead of starting a second node. Setting them before the tests run (say, to the stores of
 * {@code fraudctl infra up}) points every test resource at them.
 */
final class SharedNodes {

    static final String PROPERTY_PREFIX = "openfraud.infra.";

    /**
     * Connection-info key that must be published for a store to count as running elsewhere; the other keys are
     * derived when absent (host 127.0.0.1, PostgreSQL user and password {@code postgres}).
     */
    private static final Map<String, String> REQUIRED_KEY = Map.of(
            "kafka", "bootstrap.servers",
            "postgres", "port",
            "redis", "port",
            "mongo", "connection.string");

    /** One lock per store, so that test resources started in parallel start different stores concurrently. */
    private static final Map<String, Object> LOCKS = Map.of(
            "kafka", new Object(), "postgres", new Object(), "redis", new Object(), "mongo", new Object());
    private static final Map<String, InfraNode> OWNED = new ConcurrentHashMap<>();
    private static final Deque<InfraNode> START_ORDER = new ConcurrentLinkedDeque<>();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private SharedNodes() {
    }

    /**
     * Connection info of {@code store} ({@code kafka}, {@code postgres}, {@code redis}, {@code mongo}), starting it
     * on first demand.
     */
    public static Map<String, String> connectionInfo(String store) {
        synchronized (lock(store)) {
            InfraNode owned = OWNED.get(store);
            if (owned != null) {
                return owned.connectionInfo();
            }
            Map<String, String> published = published(store);
            if (published.containsKey(REQUIRED_KEY.get(store))) {
                return published;
            }
            InfraNode node = startWithOwnContextClassLoader(store);
            OWNED.put(store, node);
            START_ORDER.push(node);
            installShutdownHook();
            publish(store, node.connectionInfo());
            return node.connectionInfo();
        }
    }

    /** Whether this JVM started {@code store} here (as opposed to reusing published connection info). */
    public static boolean owns(String store) {
        lock(store);
        return OWNED.containsKey(store);
    }

    /** Stops the shared Redis server, keeping its port for {@link #startRedisAgain()}. */
    public static void stopRedis() {
        ownedRedis().stop();
    }

    /** Starts the shared Redis server again on its port (empty: it has no persistence). */
    public static void startRedisAgain() {
        ownedRedis().startAgain();
    }

    /** Whether the shared Redis server is serving. */
    public static boolean redisRunning() {
        return ownedRedis().isRunning();
    }

    private static RedisNode ownedRedis() {
        connectionInfo("redis");
        InfraNode node = OWNED.get("redis");
        if (node == null) {
            throw new IllegalStateException("Redis was started outside this JVM (openfraud.infra.redis.* properties); "
                    + "only a Redis server started here can be stopped and started again");
        }
        return (RedisNode) node;
    }

    private static Object lock(String store) {
        Object lock = LOCKS.get(store);
        if (lock == null) {
            throw new IllegalArgumentException("unknown store " + store + "; known: " + LOCKS.keySet());
        }
        return lock;
    }

    /**
     * Starts a node with this library's class loader as the thread context class loader: the nodes' threads inherit
     * it and outlive the caller, whose context class loader (a Quarkus test class loader) may be closed later.
     */
    private static InfraNode startWithOwnContextClassLoader(String store) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedNodes.class.getClassLoader());
        try {
            return starter(store).get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Supplier<InfraNode> starter(String store) {
        return switch (store) {
            case "kafka" -> KafkaNode::start;
            case "postgres" -> PostgresNode::start;
            case "redis" -> RedisNode::start;
            case "mongo" -> MongoNode::start;
            default -> throw new IllegalArgumentException("unknown store " + store);
        };
    }

    private static Map<String, String> published(String store) {
        String prefix = PROPERTY_PREFIX + store + ".";
        Map<String, String> info = new LinkedHashMap<>();
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                info.put(name.substring(prefix.length()), properties.getProperty(name));
            }
        }
        if (!info.containsKey(REQUIRED_KEY.get(store))) {
            return Map.of();
        }
        // Infrastructure started elsewhere may publish only the essentials; derive the rest.
        info.putIfAbsent("host", "127.0.0.1");
        switch (store) {
            case "postgres" -> {
                info.putIfAbsent("username", PostgresNode.USERNAME);
                info.putIfAbsent("password", PostgresNode.PASSWORD);
                info.putIfAbsent("jdbc.url", "jdbc:postgresql://" + info.get("host") + ":" + info.get("port")
                        + "/postgres");
            }
            case "redis" -> info.putIfAbsent("uri", "redis://" + info.get("host") + ":" + info.get("port"));
            case "mongo" -> {
                String address = info.get("connection.string").replaceFirst("^mongodb://", "").split("[/?,]")[0];
                int colon = address.lastIndexOf(':');
                info.putIfAbsent("port", colon < 0 ? "27017" : address.substring(colon + 1));
            }
            default -> {
                // kafka: bootstrap.servers is all a client needs
            }
        }
        return Map.copyOf(info);
    }

    private static void publish(String store, Map<String, String> info) {
        info.forEach((key, value) -> System.setProperty(PROPERTY_PREFIX + store + "." + key, value));
    }

    private static void installShutdownHook() {
        if (!HOOK_INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SharedNodes::stopAll, "openfraud-shared-infra-stop"));
    }

    private static void stopAll() {
        InfraNode node;
        while ((node = START_ORDER.poll()) != null) { // last started first
            try {
                node.stop();
            } catch (RuntimeException e) {
                System.err.println("[openfraud-infra] stopping " + node + " failed: " + e);
            }
        }
    }
}
