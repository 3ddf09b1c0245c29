package io.openfraud.platform.test;

import io.openfraud.platform.infra.RedisNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Real Redis for a {@code @QuarkusTest}: the JVM's shared {@code redis-server} ({@link RedisNode}, no persistence),
 * started by the first test resource that needs it and stopped when the JVM exits (see {@link SharedNodes});
 * {@link #stop()} leaves it running. Tests simulate an outage with {@code Infra.redis().stop()} and
 * {@code Infra.redis().startAgain()}.
 *
 * <p>Returns {@code quarkus.redis.hosts=redis://127.0.0.1:PORT}; with it set, Quarkus Dev Services for Redis do not
 * start.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", SharedNodesBridge.connectionInfo("redis").get("uri"));
    }

    /** Does nothing: the server is shared by every application start in this JVM and stops with the JVM. */
    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
