package io.openfraud.platform.test;

import io.openfraud.platform.infra.MongoNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A MongoDB wire-compatible server for a {@code @QuarkusTest}: the JVM's shared {@link MongoNode} (mongo-java-server,
 * in memory; mind its limits), started by the first test resource that needs it and stopped when the JVM exits (see
 * {@link SharedNodes}); {@link #stop()} leaves it running.
 *
 * <p>Returns {@code quarkus.mongodb.connection-string=mongodb://127.0.0.1:PORT}; with it set, Quarkus Dev Services
 * for MongoDB do not start.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mongodb.connection-string",
                SharedNodesBridge.connectionInfo("mongo").get("connection.string"));
    }

    /** Does nothing: the server is shared by every application start in this JVM and stops with the JVM. */
    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
