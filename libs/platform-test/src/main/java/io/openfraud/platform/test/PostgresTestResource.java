package io.openfraud.platform.test;

import io.openfraud.platform.infra.PostgresNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Real PostgreSQL for a {@code @QuarkusTest}: the JVM's shared server ({@link PostgresNode}), started by the first test
 * resource that needs it and stopped when the JVM exits (see {@link SharedNodes}); {@link #stop()} leaves it running.
 * Each resource gets its own database, named by the init arg {@code db} (default {@value #DEFAULT_DATABASE}), created
 * if absent, so services sharing a test JVM do not share tables.
 *
 * <p>Returns {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
 * {@code quarkus.datasource.password}; with the URL set, Quarkus Dev Services for PostgreSQL do not start.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: name of the database to create and connect to. */
    public static final String DATABASE = "db";
    static final String DEFAULT_DATABASE = "openfraud";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get(DATABASE);
        if (value != null && !value.isBlank()) {
            database = value.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        SharedPostgres postgres = new SharedPostgres(SharedNodesBridge.connectionInfo("postgres"));
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.createDatabase(database),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    /** Does nothing: the server is shared by every application start in this JVM and stops with the JVM. */
    @Override
    public void stop() {
        // shared per JVM, see class comment
    }
}
