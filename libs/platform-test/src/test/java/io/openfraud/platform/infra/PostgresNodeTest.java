package io.openfraud.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresNodeTest {

    static PostgresNode postgres;

    @BeforeAll
    static void startServer() {
        postgres = PostgresNode.start();
    }

    @AfterAll
    static void stopServer() {
        postgres.stop();
    }

    @Test
    void databasePerServiceWithSqlRoundTrip() throws Exception {
        String url = postgres.createDatabase("ingestion");
        assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/ingestion");
        assertThat(postgres.createDatabase("ingestion")).as("idempotent").isEqualTo(url);

        try (Connection c = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE payment (id text PRIMARY KEY, amount_minor bigint NOT NULL)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO payment VALUES (?, ?)")) {
                insert.setString(1, "tx-1");
                insert.setLong(2, 12_345);
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT amount_minor, current_database(), version() FROM payment")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(12_345);
                assertThat(rs.getString(2)).isEqualTo("ingestion");
                assertThat(rs.getString(3)).startsWith("PostgreSQL");
            }
        }
    }

    @Test
    void databasesAreSeparate() throws Exception {
        postgres.createDatabase("retraining");
        try (Connection c = postgres.connect("retraining"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'payment'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void rejectsDatabaseNamesThatWouldNeedQuoting() {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postgres.createDatabase("Upper")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionInfo() {
        assertThat(postgres.isRunning()).isTrue();
        assertThat(postgres.connectionInfo())
                .containsEntry("username", "postgres")
                .containsEntry("password", "postgres")
                .containsEntry("jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
    }
}
