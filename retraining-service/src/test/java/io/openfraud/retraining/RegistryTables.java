package io.openfraud.retraining;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Empties the registry's and the training runs' tables between tests of the shared database. */
public final class RegistryTables {

    private RegistryTables() {
    }

    public static void clear(AgroalDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate("DELETE FROM training_runs");
            sql.executeUpdate("DELETE FROM registry_audit");
            sql.executeUpdate("DELETE FROM model_versions");
        }
    }
}
