package dev.parley.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema: each script {@code db/sqlite/V{n}__*.sql} runs once, in order, in its own transaction,
 * and the database's {@code user_version} records the last one applied.
 */
final class Migrations {
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__writer_applies_changes.sql", "V3__accounts.sql",
            "V4__mentions_and_notifications.sql");

    private final Connection connection;

    Migrations(Connection connection) {
        this.connection = connection;
    }

    void apply() throws SQLException, IOException {
        int current = currentVersion();
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            String sql = load(SCRIPTS.get(version - 1));
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String statement : sql.split(";\\s*\\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("PRAGMA user_version = " + version);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    int currentVersion() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String load(String script) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/sqlite/" + script)) {
            if (in == null) {
                throw new IOException("missing migration " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
