package dev.parley.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.account.NewUser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMigrationsTest {
    @TempDir
    Path dir;

    private static <T> T withConnection(Path file, SqlWork<T> work) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            return work.run(c);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws Exception;
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> schema(Connection c) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                objects.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return objects;
    }

    @Test
    void aNewDatabaseGetsEverySchemaVersionRecordedInUserVersion() throws Exception {
        Path file = dir.resolve("new.db");

        new SqliteDatabase(file, SqliteSettings.defaults()).close();

        withConnection(file, c -> {
            assertThat(userVersion(c)).isEqualTo(Migrations.SCRIPTS.size());
            assertThat(schema(c)).contains("table users", "table sessions", "table conversations", "table memberships",
                    "table messages", "table events", "table logs");
            return null;
        });
    }

    @Test
    void reopeningADatabaseAppliesNothingTwiceAndKeepsItsData() throws Exception {
        Path file = dir.resolve("kept.db");
        NewUser ada = new NewUser(1, "ada", "Ada", null, "hash", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults())) {
            new SqliteAccountStore(db).createUser(ada);
        }
        List<String> schemaBefore = withConnection(file, SqliteMigrationsTest::schema);

        try (SqliteDatabase db = new SqliteDatabase(file, SqliteSettings.defaults())) {
            assertThat(new SqliteAccountStore(db).findByUsername("ada")).get()
                    .satisfies(u -> assertThat(u.id()).isEqualTo(1), u -> assertThat(u.displayName()).isEqualTo("Ada"));
        }

        withConnection(file, c -> {
            assertThat(userVersion(c)).isEqualTo(Migrations.SCRIPTS.size());
            assertThat(schema(c)).isEqualTo(schemaBefore);
            return null;
        });
    }

    @Test
    void applyingMigrationsToAnUpToDateDatabaseChangesNothing() throws Exception {
        Path file = dir.resolve("twice.db");
        new SqliteDatabase(file, SqliteSettings.defaults()).close();

        withConnection(file, c -> {
            Migrations migrations = new Migrations(c);
            int before = migrations.currentVersion();
            migrations.apply();
            assertThat(migrations.currentVersion()).isEqualTo(before).isEqualTo(Migrations.SCRIPTS.size());
            return null;
        });
    }

    @Test
    void theDatabaseRunsInWalMode() throws Exception {
        Path file = dir.resolve("wal.db");
        new SqliteDatabase(file, SqliteSettings.defaults()).close();

        String mode = withConnection(file, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                return rs.getString(1);
            }
        });

        assertThat(mode).isEqualToIgnoringCase("wal");
    }
}
