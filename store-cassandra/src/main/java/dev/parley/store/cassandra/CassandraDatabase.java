package dev.parley.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One node's session to Cassandra (the driver pools connections to every replica itself) and the schema: the
 * keyspace is created if missing and the migrations {@code db/cassandra/V*.cql} not yet recorded in
 * {@code schema_migrations} are applied at start. Every statement is {@code IF NOT EXISTS}, so nodes starting together
 * may both apply one: the second changes nothing.
 *
 * <p>Statements are prepared once, name their tables with the keyspace, run at the configured consistency
 * (LOCAL_QUORUM by default: with a replication factor of 3 a read sees every acknowledged write) and time out after
 * {@code requestTimeout}. Thread-safe.
 */
public final class CassandraDatabase implements AutoCloseable {
    /** The migrations, in order; each file's statements are separated by semicolons. */
    private static final List<String> MIGRATIONS = List.of("V1__init.cql", "V2__mentions.cql", "V3__member_bot.cql");

    private final CqlSession session;
    private final String keyspace;

    public CassandraDatabase(CassandraSettings settings) {
        this.keyspace = settings.keyspace();
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 8192)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                .build();
        try {
            this.session = CqlSession.builder().addContactPoints(settings.addresses())
                    .withLocalDatacenter(settings.datacenter()).withConfigLoader(config).build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to Cassandra at " + settings.contactPoints() + ": " + e.getMessage(), e);
        }
        try {
            migrate(settings.replication());
        } catch (RuntimeException e) {
            session.close();
            throw new IllegalStateException("cannot migrate the Cassandra keyspace " + keyspace + ": " + e.getMessage(), e);
        }
    }

    public CqlSession session() {
        return session;
    }

    /** Prepares {@code cql}, in which {@code {k}} stands for this node's keyspace. */
    public PreparedStatement prepare(String cql) {
        return session.prepare(SimpleStatement.newInstance(cql.replace("{k}", keyspace)).setIdempotent(true));
    }

    /** For readiness checks: true when a replica answers a local read. */
    public boolean ready() {
        try {
            return session.execute(SimpleStatement.newInstance("SELECT release_version FROM system.local")
                    .setTimeout(Duration.ofSeconds(1))).one() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void migrate(String replication) {
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
                + replication).setTimeout(Duration.ofSeconds(30)));
        ddl("CREATE TABLE IF NOT EXISTS {k}.schema_migrations (version text PRIMARY KEY, applied_at timestamp)");
        Set<String> applied = new HashSet<>();
        for (Row row : session.execute("SELECT version FROM " + keyspace + ".schema_migrations")) {
            applied.add(row.getString(0));
        }
        for (String migration : MIGRATIONS) {
            if (applied.contains(migration)) {
                continue;
            }
            for (String statement : statements(resource(migration))) {
                try {
                    ddl(statement.replaceFirst("(?i)(CREATE TABLE IF NOT EXISTS )", "$1{k}."));
                } catch (InvalidQueryException e) {
                    // another node starting at the same moment added the column first: the statement is done
                    if (!(statement.startsWith("ALTER TABLE") && String.valueOf(e.getMessage()).contains("already exists"))) {
                        throw e;
                    }
                }
            }
            session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_migrations (version, applied_at)"
                    + " VALUES (?, ?)", migration, Instant.now()));
        }
    }

    private void ddl(String cql) {
        session.execute(SimpleStatement.newInstance(cql.replace("{k}", keyspace)).setTimeout(Duration.ofSeconds(30)));
    }

    /** The statements of a CQL file: comments dropped, split at semicolons. */
    static List<String> statements(String file) {
        StringBuilder text = new StringBuilder();
        for (String line : file.split("\n")) {
            String stripped = line.strip();
            if (!stripped.startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(text.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String resource(String name) {
        try (InputStream in = CassandraDatabase.class.getResourceAsStream("/db/cassandra/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
