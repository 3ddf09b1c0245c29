package io.openfraud.platform.test;

import io.openfraud.platform.infra.PostgresNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/** Test-side access to the shared PostgreSQL server: databases, JDBC URLs, connections. */
public final class SharedPostgres {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    SharedPostgres(Map<String, String> connectionInfo) {
        this.host = connectionInfo.get("host");
        this.port = Integer.parseInt(connectionInfo.get("port"));
        this.username = connectionInfo.get("username");
        this.password = connectionInfo.get("password");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** JDBC URL of {@code database} (not created). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists and returns its JDBC URL. */
    public String createDatabase(String database) {
        return PostgresNode.createDatabase(host, port, username, password, database);
    }

    /** A new connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        // The driver class itself: DriverManager refuses drivers from another class loader than the caller's.
        return new Driver().connect(jdbcUrl(database), props);
    }

    @Override
    public String toString() {
        return "SharedPostgres[" + host + ":" + port + "]";
    }
}
