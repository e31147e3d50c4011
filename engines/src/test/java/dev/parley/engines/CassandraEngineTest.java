package dev.parley.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CassandraEngineTest {
    @RegisterExtension
    static final CassandraExtension CASSANDRA = CassandraExtension.shared();

    @Test
    void answersCqlInANewKeyspace() {
        String keyspace = CASSANDRA.newKeyspace();
        try (CqlSession session = CqlSession.builder().addContactPoint(CASSANDRA.address())
                .withLocalDatacenter(CASSANDRA.datacenter()).withKeyspace(keyspace).build()) {
            Row row = session.execute("SELECT release_version FROM system.local").one();
            assertThat(row).isNotNull();
            assertThat(row.getString("release_version")).startsWith("5.0");
            session.execute("CREATE TABLE t (id int PRIMARY KEY, body text)");
            session.execute("INSERT INTO t (id, body) VALUES (1, 'hello')");
            assertThat(session.execute("SELECT body FROM t WHERE id = 1").one().getString("body")).isEqualTo("hello");
        }
        assertThat(CASSANDRA.contactPoint()).isEqualTo("127.0.0.1:" + CASSANDRA.engine().port());
    }
}
