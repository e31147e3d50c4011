package dev.parley.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEngineTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void answersOnTheSharedAndOnANewDatabase() throws SQLException {
        assertThat(selectOne(PG.jdbcUrl())).isEqualTo(1);
        String url = PG.newDatabase();
        assertThat(url).contains("user=parley").contains("password=parley");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int)");
        }
        assertThat(PG.newDatabase()).isNotEqualTo(url);
    }

    @Test
    void survivesAStopAndAStartOnTheSamePortAndData() throws SQLException {
        String url = PG.newDatabase();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        PostgresEngine engine = PG.engine();
        int port = engine.port();
        engine.stop();
        assertThat(engine.isRunning()).isFalse();
        assertThatThrownBy(() -> selectOne(url)).isInstanceOf(SQLException.class);

        engine.start();
        assertThat(engine.port()).isEqualTo(port);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    private static int selectOne(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
